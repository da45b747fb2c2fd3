using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Catalog.Admin;

/// <summary>One attribute fieldset of the asset-type form, as posted (numbers as typed, options comma-separated).</summary>
public sealed class AttributeFormRow
{
    public string? Key { get; set; }

    public string? Label { get; set; }

    public string? Type { get; set; }

    public bool Required { get; set; }

    public string? DefaultValue { get; set; }

    /// <summary>Comma-separated.</summary>
    public string? Options { get; set; }

    public string? Min { get; set; }

    public string? Max { get; set; }

    public string? MinLength { get; set; }

    public string? MaxLength { get; set; }

    public string? Pattern { get; set; }

    public string? PatternMessage { get; set; }

    public string? VisibleField { get; set; }

    public string? VisibleValue { get; set; }

    public string? Classification { get; set; }

    public string? HelpText { get; set; }

    /// <summary>Ticked: the attribute is dropped on save.</summary>
    public bool Remove { get; set; }

    /// <summary>The empty fieldset for adding one, left as it was.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(Label) && string.IsNullOrWhiteSpace(Options)
        && string.IsNullOrWhiteSpace(DefaultValue) && string.IsNullOrWhiteSpace(Pattern) && string.IsNullOrWhiteSpace(VisibleField);

    public static AttributeFormRow From(AttributeDefinition attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return new AttributeFormRow
        {
            Key = attribute.Key,
            Label = attribute.Label,
            Type = WireName<AttributeType>.Of(attribute.Type).ToUpperInvariant(),
            Required = attribute.Required,
            DefaultValue = attribute.DefaultValue,
            Options = string.Join(", ", attribute.Options),
            Min = attribute.Validation?.Min?.ToString(CultureInfo.InvariantCulture),
            Max = attribute.Validation?.Max?.ToString(CultureInfo.InvariantCulture),
            MinLength = attribute.Validation?.MinLength?.ToString(CultureInfo.InvariantCulture),
            MaxLength = attribute.Validation?.MaxLength?.ToString(CultureInfo.InvariantCulture),
            Pattern = attribute.Validation?.Pattern,
            PatternMessage = attribute.Validation?.PatternMessage,
            VisibleField = attribute.VisibleWhen?.Field,
            VisibleValue = attribute.VisibleWhen?.Value,
            Classification = WireName<Classification>.Of(attribute.Classification),
            HelpText = attribute.HelpText,
        };
    }

    internal AttributeRequest ToRequest(string at, List<DomainError> errors)
    {
        var min = AssetTypeForm.Long(Min, $"{at}.validation.min", errors);
        var max = AssetTypeForm.Long(Max, $"{at}.validation.max", errors);
        var minLength = AssetTypeForm.Int(MinLength, $"{at}.validation.minLength", errors);
        var maxLength = AssetTypeForm.Int(MaxLength, $"{at}.validation.maxLength", errors);
        var hasRules = min is not null || max is not null || minLength is not null || maxLength is not null
            || !string.IsNullOrWhiteSpace(Pattern) || !string.IsNullOrWhiteSpace(PatternMessage);
        return new AttributeRequest
        {
            Key = Key,
            Label = Label,
            Type = Type,
            Required = Required,
            DefaultValue = DefaultValue,
            Options = (Options ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Validation = hasRules ? new AttributeValidationRequest(min, max, minLength, maxLength, Pattern, PatternMessage) : null,
            VisibleWhen = string.IsNullOrWhiteSpace(VisibleField) && string.IsNullOrWhiteSpace(VisibleValue)
                ? null
                : new AttributeConditionRequest(VisibleField, VisibleValue),
            Classification = Classification,
            HelpText = HelpText,
        };
    }
}
