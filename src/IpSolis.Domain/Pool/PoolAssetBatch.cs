using System.Globalization;

namespace IpSolis.Domain.Pool;

/// <summary>
/// The names a bulk create makes: a prefix and consecutive numbers, zero-padded to a width
/// (<c>VDI-</c>, 1, 20, 3 → <c>VDI-001</c> … <c>VDI-020</c>).
/// </summary>
public static class PoolAssetBatch
{
    public const int MaxCount = 1000;
    public const int MaxPadding = 12;
    public const long MaxStart = 999_999_999_999;
    public const int MaxPrefixLength = 200;

    public static Result<IReadOnlyList<string>> Names(string? prefix, long start, int count, int padding)
    {
        var errors = new List<DomainError>();
        var cleanPrefix = prefix?.Trim() ?? "";
        if (cleanPrefix.Length == 0)
            errors.Add(new DomainError("pool_asset.prefix", "Give a prefix for the names (for example VDI-).", "prefix"));
        else if (cleanPrefix.Length > MaxPrefixLength)
            errors.Add(new DomainError("pool_asset.prefix", $"The prefix can be at most {MaxPrefixLength} characters.", "prefix"));
        else if (cleanPrefix.Any(char.IsControl))
            errors.Add(new DomainError("pool_asset.prefix", "The prefix cannot contain line breaks, tabs or other control characters.", "prefix"));
        if (start is < 0 or > MaxStart)
            errors.Add(new DomainError("pool_asset.start", $"The start number must be 0 to {MaxStart:N0}.", "start"));
        if (count is < 1 or > MaxCount)
            errors.Add(new DomainError("pool_asset.count", $"Create 1 to {MaxCount:N0} assets at a time ({count} asked).", "count"));
        if (padding is < 0 or > MaxPadding)
            errors.Add(new DomainError("pool_asset.padding", $"The zero padding width must be 0 to {MaxPadding}.", "padding"));
        if (errors.Count > 0)
            return Result<IReadOnlyList<string>>.Failure([.. errors]);

        var names = new string[count];
        for (var i = 0; i < count; i++)
            names[i] = cleanPrefix + (start + i).ToString(CultureInfo.InvariantCulture).PadLeft(padding, '0');
        return names;
    }
}
