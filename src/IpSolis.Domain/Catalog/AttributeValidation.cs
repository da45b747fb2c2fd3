namespace IpSolis.Domain.Catalog;

/// <summary>Limits on a submitted attribute value: <see cref="Min"/>/<see cref="Max"/> for INT, lengths and a
/// pattern (matched against the whole value) for STRING, counts of chosen options for MULTI_ENUM.</summary>
public sealed record AttributeValidation(long? Min = null, long? Max = null, int? MinLength = null, int? MaxLength = null, string? Pattern = null)
{
    /// <summary>What to say when <see cref="Pattern"/> does not match, instead of showing the expression.</summary>
    public string? PatternMessage { get; init; }
}
