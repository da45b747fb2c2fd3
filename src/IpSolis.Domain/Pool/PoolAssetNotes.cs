namespace IpSolis.Domain.Pool;

/// <summary>An operator's notes on a pool asset: free text, bounded like the column that stores it.</summary>
public static class PoolAssetNotes
{
    public const int MaxLength = 4000;

    /// <summary>The trimmed notes (empty when none), or why they are refused.</summary>
    public static Result<string> Check(string? notes, string field = "notes")
    {
        var trimmed = notes?.Trim() ?? "";
        return trimmed.Length > MaxLength
            ? new DomainError("pool_asset.notes", $"Notes can be at most {MaxLength} characters ({trimmed.Length} given).", field)
            : trimmed;
    }
}
