namespace IpSolis.Server.Features.Catalog;

/// <summary>One attribute of an asset type's schema as the API sends it (<c>type</c> upper case: STRING, INT, BOOL,
/// ENUM, MULTI_ENUM; <c>classification</c> internal, pii, phi or pci).</summary>
public sealed record AttributeRequest
{
    public string? Key { get; init; }

    public string? Label { get; init; }

    public string? Type { get; init; }

    public bool? Required { get; init; }

    public string? DefaultValue { get; init; }

    public IReadOnlyList<string>? Options { get; init; }

    public AttributeValidationRequest? Validation { get; init; }

    public AttributeConditionRequest? VisibleWhen { get; init; }

    public string? Classification { get; init; }

    public string? HelpText { get; init; }
}
