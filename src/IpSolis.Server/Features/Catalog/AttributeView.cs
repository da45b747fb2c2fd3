using IpSolis.Domain;
using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Catalog;

/// <summary>One attribute of an asset type as the API shows it (<c>type</c> upper case, like MULTI_ENUM).</summary>
public sealed record AttributeView(
    string Key,
    string Label,
    string Type,
    bool Required,
    string? DefaultValue,
    IReadOnlyList<string> Options,
    AttributeValidationRequest? Validation,
    AttributeConditionRequest? VisibleWhen,
    string Classification,
    string? HelpText)
{
    public static AttributeView From(AttributeDefinition attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return new AttributeView(
            attribute.Key,
            attribute.Label,
            WireName<AttributeType>.Of(attribute.Type).ToUpperInvariant(),
            attribute.Required,
            attribute.DefaultValue,
            attribute.Options,
            attribute.Validation is { } rules
                ? new AttributeValidationRequest(rules.Min, rules.Max, rules.MinLength, rules.MaxLength, rules.Pattern, rules.PatternMessage)
                : null,
            attribute.VisibleWhen is { } when ? new AttributeConditionRequest(when.Field, when.Value) : null,
            WireName<Classification>.Of(attribute.Classification),
            attribute.HelpText);
    }
}
