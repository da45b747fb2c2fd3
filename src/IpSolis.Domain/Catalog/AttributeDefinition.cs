namespace IpSolis.Domain.Catalog;

/// <summary>
/// One value an asset type asks for when it is ordered (a VM size, a data set, a cost centre). Stored on the type
/// as part of its attribute schema; submitted values are checked by <see cref="AttributeValues"/>.
/// </summary>
/// <param name="Key">Stable identifier: lower case letters, digits and <c>_</c>, starting with a letter.</param>
/// <param name="Label">What the order form shows.</param>
public sealed record AttributeDefinition(string Key, string Label, AttributeType Type)
{
    public bool Required { get; init; }

    /// <summary>Used when nothing is submitted. For <see cref="AttributeType.MultiEnum"/> a comma-separated list.</summary>
    public string? DefaultValue { get; init; }

    /// <summary>The allowed values of ENUM and MULTI_ENUM attributes.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    public AttributeValidation? Validation { get; init; }

    /// <summary>Shown (and required) only when another attribute has a given value.</summary>
    public AttributeCondition? VisibleWhen { get; init; }

    public Classification Classification { get; init; } = Classification.Internal;

    /// <summary>A hint under the field.</summary>
    public string? HelpText { get; init; }
}
