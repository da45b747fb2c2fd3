namespace IpSolis.Domain.Pool;

/// <summary>
/// A pool asset's name: a host name or inventory tag, unique across the pool. Surrounding blanks are dropped; control
/// characters are refused because names end up in runbook arguments, CSV exports and e-mails.
/// </summary>
public static class PoolAssetName
{
    public const int MaxLength = 255;

    /// <summary>The trimmed name, or why it cannot be one.</summary>
    public static Result<string> Check(string? name, string field = "name")
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
            return new DomainError("pool_asset.name", "Give the asset a name.", field);
        if (trimmed.Length > MaxLength)
            return new DomainError("pool_asset.name", $"A name can be at most {MaxLength} characters ({trimmed.Length} given).", field);
        if (trimmed.Any(char.IsControl))
            return new DomainError("pool_asset.name", "A name cannot contain line breaks, tabs or other control characters.", field);
        return trimmed;
    }
}
