using System.Globalization;
using System.Text.RegularExpressions;

namespace IpSolis.Domain.Catalog;

/// <summary>
/// Checks the attribute values submitted with an order against the type's schema. Every path that places or changes
/// an order goes through here, so the portal form, the API and the admin form accept exactly the same values.
/// </summary>
public static class AttributeValues
{
    /// <summary>A pattern that takes longer than this on one value is treated as not matching.</summary>
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly string[] TrueWords = ["true", "on", "yes", "1"];
    private static readonly string[] FalseWords = ["false", "off", "no", "0"];

    /// <summary>
    /// Checks <paramref name="submitted"/> (raw values by attribute key; several only for MULTI_ENUM) against
    /// <paramref name="schema"/>. Hidden attributes (their <see cref="AttributeDefinition.VisibleWhen"/> is not met)
    /// are dropped; empty ones take their default. Errors name the field as <c>attributes.&lt;key&gt;</c>.
    /// </summary>
    public static Result<IReadOnlyDictionary<string, AttributeValue>> Check(
        IReadOnlyList<AttributeDefinition> schema,
        IReadOnlyDictionary<string, IReadOnlyList<string>> submitted)
    {
        var errors = new List<DomainError>();
        var known = schema.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in submitted.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal))
            errors.Add(new DomainError("attribute.unknown", $"'{key}' is not an attribute of this asset type.", Field(key)));

        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var raw = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var attribute in schema)
            raw[attribute.Key] = Present(submitted.GetValueOrDefault(attribute.Key), attribute);

        foreach (var attribute in schema)
        {
            if (!IsVisible(attribute, raw, schema))
                continue;
            var given = raw[attribute.Key];
            if (given.Count == 0)
            {
                if (attribute.Required)
                    errors.Add(new DomainError("attribute.required", $"{attribute.Label} is required.", Field(attribute.Key)));
                continue;
            }

            var checkedValue = CheckOne(attribute, given);
            if (checkedValue.Succeeded)
                values[attribute.Key] = checkedValue.Value;
            else
                errors.AddRange(checkedValue.Errors);
        }

        return errors.Count == 0
            ? Result<IReadOnlyDictionary<string, AttributeValue>>.Success(values)
            : Result<IReadOnlyDictionary<string, AttributeValue>>.Failure([.. errors]);
    }

    /// <summary>Whether <paramref name="attribute"/> is shown, given the (raw) values of the others. An attribute
    /// whose controlling attribute is hidden is hidden too; chains are followed at most schema-length deep, so a
    /// cycle in a badly made schema hides the attributes on it instead of looping.</summary>
    public static bool IsVisible(AttributeDefinition attribute, IReadOnlyDictionary<string, IReadOnlyList<string>> raw, IReadOnlyList<AttributeDefinition> schema)
    {
        var current = attribute;
        for (var depth = 0; current.VisibleWhen is { } condition; depth++)
        {
            if (depth > schema.Count)
                return false;
            var controlling = schema.FirstOrDefault(a => a.Key == condition.Field);
            if (controlling is null || !raw.TryGetValue(condition.Field, out var values))
                return false;
            if (!Matches(controlling, values, condition.Value))
                return false;
            current = controlling;
        }

        return true;
    }

    /// <summary>
    /// Checks one raw value (for MULTI_ENUM a comma-separated list) against <paramref name="attribute"/>'s type,
    /// options and limits, as an order would: what the schema check uses to prove a default is acceptable.
    /// </summary>
    public static IReadOnlyList<DomainError> CheckValue(AttributeDefinition attribute, string raw)
    {
        var given = Present([raw], attribute with { DefaultValue = null });
        if (given.Count == 0)
            return [new DomainError("attribute.required", $"{attribute.Label} is required.", Field(attribute.Key))];
        var result = CheckOne(attribute, given);
        return result.Succeeded ? [] : result.Errors;
    }

    /// <summary>Whether the raw <paramref name="values"/> of <paramref name="controlling"/> satisfy a condition on
    /// <paramref name="expected"/>: flags by meaning, numbers by value, text and choices case-insensitively.</summary>
    private static bool Matches(AttributeDefinition controlling, IReadOnlyList<string> values, string expected)
    {
        var wanted = expected.Trim();
        switch (controlling.Type)
        {
            case AttributeType.Bool:
                return values.Count == 1 && ParseFlag(values[0]) is { } flag && flag == ParseFlag(wanted);
            case AttributeType.Int:
                return values.Count == 1 && TryNumber(values[0], out var number) && TryNumber(wanted, out var expectedNumber) && number == expectedNumber;
            default:
                return values.Any(v => string.Equals(v, wanted, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static bool TryNumber(string text, out long number) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);

    /// <summary>
    /// The trimmed, non-empty submitted values, or the default when nothing was submitted. MULTI_ENUM values are
    /// split on commas here, so a form's "a, b" and an API's ["a", "b"] are the same choices everywhere (conditions
    /// included) and a list of only commas counts as nothing submitted.
    /// </summary>
    private static IReadOnlyList<string> Present(IReadOnlyList<string>? given, AttributeDefinition attribute)
    {
        var values = Split(given ?? [], attribute);
        return values.Count > 0 || string.IsNullOrWhiteSpace(attribute.DefaultValue) ? values : Split([attribute.DefaultValue], attribute);
    }

    private static List<string> Split(IEnumerable<string?> raw, AttributeDefinition attribute)
    {
        var trimmed = raw.Select(v => v?.Trim() ?? string.Empty).Where(v => v.Length > 0);
        if (attribute.Type == AttributeType.MultiEnum)
            trimmed = trimmed.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return trimmed.ToList();
    }

    private static Result<AttributeValue> CheckOne(AttributeDefinition attribute, IReadOnlyList<string> given)
    {
        var field = Field(attribute.Key);
        var rules = attribute.Validation;
        if (attribute.Type != AttributeType.MultiEnum && given.Count > 1)
            return new DomainError("attribute.single_value", $"{attribute.Label} takes one value, not {given.Count}.", field);
        var text = given[0];
        switch (attribute.Type)
        {
            case AttributeType.String:
                if (rules?.MinLength is { } minLength && text.Length < minLength)
                    return new DomainError("attribute.too_short", $"{attribute.Label} needs at least {minLength} characters.", field);
                if (rules?.MaxLength is { } maxLength && text.Length > maxLength)
                    return new DomainError("attribute.too_long", $"{attribute.Label} takes at most {maxLength} characters.", field);
                if (rules?.Pattern is { Length: > 0 } pattern && !MatchesWhole(pattern, text))
                    return new DomainError("attribute.pattern", rules.PatternMessage is { Length: > 0 } message ? $"{attribute.Label}: {message}" : $"{attribute.Label} does not have the expected format.", field);
                return AttributeValue.OfText(text);

            case AttributeType.Int:
                if (!TryNumber(text, out var number))
                    return new DomainError("attribute.not_a_number", $"{attribute.Label} must be a whole number, not '{text}'.", field);
                if (rules?.Min is { } min && number < min)
                    return new DomainError("attribute.too_small", $"{attribute.Label} must be at least {min}.", field);
                if (rules?.Max is { } max && number > max)
                    return new DomainError("attribute.too_large", $"{attribute.Label} must be at most {max}.", field);
                return AttributeValue.OfNumber(number);

            case AttributeType.Bool:
                return ParseFlag(text) is { } flag
                    ? AttributeValue.OfFlag(flag)
                    : new DomainError("attribute.not_a_flag", $"{attribute.Label} must be true or false, not '{text}'.", field);

            case AttributeType.Enum:
                return Option(attribute, text) is { } option
                    ? AttributeValue.OfText(option)
                    : new DomainError("attribute.not_an_option", $"'{text}' is not an option of {attribute.Label}. Choose one of: {string.Join(", ", attribute.Options)}.", field);

            case AttributeType.MultiEnum:
                var chosen = new List<string>();
                foreach (var value in given)
                {
                    if (Option(attribute, value) is not { } choice)
                        return new DomainError("attribute.not_an_option", $"'{value}' is not an option of {attribute.Label}. Choose from: {string.Join(", ", attribute.Options)}.", field);
                    if (!chosen.Contains(choice, StringComparer.Ordinal))
                        chosen.Add(choice);
                }

                if (rules?.Min is { } fewest && chosen.Count < fewest)
                    return new DomainError("attribute.too_few", $"Choose at least {fewest} of {attribute.Label}.", field);
                if (rules?.Max is { } most && chosen.Count > most)
                    return new DomainError("attribute.too_many", $"Choose at most {most} of {attribute.Label}.", field);
                return AttributeValue.OfChoices(chosen);

            default:
                throw new ArgumentOutOfRangeException(nameof(attribute), attribute.Type, "Unknown attribute type.");
        }
    }

    /// <summary>True/false from the words forms and APIs send (<c>on</c> from a checkbox), or null.</summary>
    public static bool? ParseFlag(string? text)
    {
        if (text is null)
            return null;
        var word = text.Trim();
        if (TrueWords.Contains(word, StringComparer.OrdinalIgnoreCase))
            return true;
        if (FalseWords.Contains(word, StringComparer.OrdinalIgnoreCase))
            return false;
        return null;
    }

    /// <summary>Whether <paramref name="pattern"/> matches all of <paramref name="value"/>; an invalid or runaway
    /// pattern never matches.</summary>
    public static bool MatchesWhole(string pattern, string value)
    {
        try
        {
            // \A and \z, not ^ and $: "$" also matches before a final newline, which would let "abc\n" pass for "abc".
            return Regex.IsMatch(value, $"\\A(?:{pattern})\\z", RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? Option(AttributeDefinition attribute, string value) =>
        attribute.Options.FirstOrDefault(o => string.Equals(o, value, StringComparison.OrdinalIgnoreCase));

    private static string Field(string key) => $"attributes.{key}";
}
