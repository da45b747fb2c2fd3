using System.Globalization;
using System.Text;

namespace IpSolis.Domain.Pool;

/// <summary>
/// The free-form key/value pairs an operator keeps on a pool asset (MAC address, serial number, site). Keys are short
/// identifiers so they can become CSV columns (<c>meta.&lt;key&gt;</c>) and runbook variables; the whole set is
/// bounded so one asset cannot bloat every list that shows it.
/// </summary>
public static class PoolAssetMetadata
{
    public const int MaxKeys = 50;
    public const int MaxKeyLength = 64;
    public const int MaxValueLength = 1000;

    /// <summary>Keys plus values, in characters.</summary>
    public const int MaxTotalLength = 16_000;

    /// <summary>Whether <paramref name="key"/> is a valid key: a letter or digit, then letters, digits, <c>_ . -</c>.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength }
        && char.IsAsciiLetterOrDigit(key[0])
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    /// <summary>Checks a whole set of pairs (keys as given, values trimmed); the first problems name the key.</summary>
    public static Result<IReadOnlyDictionary<string, string>> Check(IEnumerable<KeyValuePair<string, string?>>? pairs, string field = "metadata")
    {
        var checkedPairs = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<DomainError>();
        var total = 0;
        foreach (var (rawKey, rawValue) in pairs ?? [])
        {
            var key = rawKey?.Trim() ?? "";
            if (!IsValidKey(key))
            {
                errors.Add(new DomainError("pool_asset.metadata_key",
                    $"'{Shorten(key)}' is not a metadata key: use 1–{MaxKeyLength} letters, digits, '_', '.' or '-', starting with a letter or digit.", field));
                continue;
            }

            if (checkedPairs.ContainsKey(key))
            {
                errors.Add(new DomainError("pool_asset.metadata_key", $"The metadata key '{key}' is given twice.", field));
                continue;
            }

            var value = rawValue?.Trim() ?? "";
            if (value.Length > MaxValueLength)
                errors.Add(new DomainError("pool_asset.metadata_value", $"The value of '{key}' can be at most {MaxValueLength} characters ({value.Length} given).", field));
            else if (value.Any(c => char.IsControl(c)))
                errors.Add(new DomainError("pool_asset.metadata_value", $"The value of '{key}' cannot contain line breaks, tabs or other control characters.", field));
            checkedPairs[key] = value;
            total += key.Length + value.Length;
        }

        if (checkedPairs.Count > MaxKeys)
            errors.Add(new DomainError("pool_asset.metadata_size", $"An asset can have at most {MaxKeys} metadata keys ({checkedPairs.Count} given).", field));
        else if (total > MaxTotalLength)
            errors.Add(new DomainError("pool_asset.metadata_size", $"Metadata can be at most {MaxTotalLength:N0} characters in all ({total:N0} given).", field));
        return errors.Count > 0
            ? Result<IReadOnlyDictionary<string, string>>.Failure([.. errors])
            : Result<IReadOnlyDictionary<string, string>>.Success(checkedPairs);
    }

    /// <summary>
    /// Reads the form's text: one <c>key=value</c> per line, blank lines ignored. Problems name the line, then
    /// <see cref="Check"/> applies.
    /// </summary>
    public static Result<IReadOnlyDictionary<string, string>> Parse(string? text, string field = "metadata")
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                return new DomainError("pool_asset.metadata_line",
                    string.Create(CultureInfo.InvariantCulture, $"Line {i + 1} is not 'key=value': '{Shorten(line)}'."), field);
            pairs.Add(new(line[..equals], line[(equals + 1)..]));
        }

        return Check(pairs, field);
    }

    /// <summary>The pairs as the form shows them, one <c>key=value</c> per line, sorted by key.</summary>
    public static string Format(IReadOnlyDictionary<string, string> metadata)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(key).Append('=').Append(value).Append('\n');
        return text.ToString();
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
