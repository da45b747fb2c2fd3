using System.Globalization;
using System.Text.RegularExpressions;

namespace IpSolis.Domain.Catalog;

/// <summary>
/// Checks an asset type's attribute schema before it is saved, so that every order form built from it can be filled
/// in: keys are stable identifiers, choices have options, defaults are values the form would accept, limits make
/// sense for the type, patterns compile, and <c>visible_when</c> conditions point at another attribute without
/// going round in a circle. Errors name the field as <c>attributes[i].&lt;property&gt;</c>.
/// </summary>
public static partial class AttributeSchema
{
    public const int MaximumAttributes = 50;
    public const int MaximumLabelLength = 100;
    public const int MaximumOptions = 100;
    public const int MaximumOptionLength = 100;
    public const int MaximumPatternLength = 500;
    public const int MaximumPatternMessageLength = 200;
    public const int MaximumHelpTextLength = 500;

    /// <summary>The longest text a STRING attribute may be limited to (and its default may have).</summary>
    public const int MaximumTextLength = 10_000;

    /// <summary>How long compiling a pattern may take before it counts as unusable.</summary>
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyFormat();

    /// <summary>
    /// The schema with blanks trimmed and empty optional parts dropped, or every problem found. An empty schema is
    /// valid (the type asks for nothing).
    /// </summary>
    public static Result<IReadOnlyList<AttributeDefinition>> Check(IReadOnlyList<AttributeDefinition>? attributes)
    {
        attributes ??= [];
        var errors = new List<DomainError>();
        if (attributes.Count > MaximumAttributes)
        {
            return Result<IReadOnlyList<AttributeDefinition>>.Failure(new DomainError("attribute_schema.too_many",
                $"An asset type has at most {MaximumAttributes} attributes, not {attributes.Count}.", "attributes"));
        }

        var normalized = new List<AttributeDefinition>(attributes.Count);
        for (var i = 0; i < attributes.Count; i++)
        {
            if (attributes[i] is null)
            {
                errors.Add(new DomainError("attribute_schema.missing", "The attribute is empty.", $"attributes[{i}]"));
                continue;
            }

            normalized.Add(Normalize(attributes[i]));
        }

        if (errors.Count > 0)
            return Result<IReadOnlyList<AttributeDefinition>>.Failure([.. errors]);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < normalized.Count; i++)
        {
            var attribute = normalized[i];
            var at = $"attributes[{i}]";
            if (!KeyFormat().IsMatch(attribute.Key))
            {
                errors.Add(new DomainError("attribute_schema.key",
                    $"'{attribute.Key}' is not a valid key: use 1 to 40 lower-case letters, digits and _, starting with a letter.", $"{at}.key"));
            }
            else if (!seen.Add(attribute.Key))
            {
                errors.Add(new DomainError("attribute_schema.duplicate_key", $"The key '{attribute.Key}' is used by another attribute.", $"{at}.key"));
            }

            if (attribute.Label.Length == 0)
                errors.Add(new DomainError("attribute_schema.label", "Every attribute needs a label.", $"{at}.label"));
            else if (attribute.Label.Length > MaximumLabelLength)
                errors.Add(new DomainError("attribute_schema.label", $"A label has at most {MaximumLabelLength} characters.", $"{at}.label"));

            if (!Enum.IsDefined(attribute.Type))
                errors.Add(new DomainError("attribute_schema.type", "The type must be STRING, INT, BOOL, ENUM or MULTI_ENUM.", $"{at}.type"));
            if (!Enum.IsDefined(attribute.Classification))
                errors.Add(new DomainError("attribute_schema.classification", "The classification must be internal, pii, phi or pci.", $"{at}.classification"));
            if (attribute.HelpText is { Length: > MaximumHelpTextLength })
                errors.Add(new DomainError("attribute_schema.help_text", $"An attribute's help text has at most {MaximumHelpTextLength} characters.", $"{at}.helpText"));

            if (!Enum.IsDefined(attribute.Type))
                continue;
            var optionErrors = CheckOptions(attribute, at);
            errors.AddRange(optionErrors);
            var validationErrors = CheckValidation(attribute, at);
            errors.AddRange(validationErrors);
            if (optionErrors.Count == 0 && validationErrors.Count == 0)
                errors.AddRange(CheckDefault(attribute, at));
        }

        errors.AddRange(CheckConditions(normalized));
        return errors.Count == 0
            ? Result<IReadOnlyList<AttributeDefinition>>.Success(normalized)
            : Result<IReadOnlyList<AttributeDefinition>>.Failure([.. errors]);
    }

    private static AttributeDefinition Normalize(AttributeDefinition attribute)
    {
        var validation = attribute.Validation is { } rules
            ? rules with
            {
                Pattern = Blank(rules.Pattern) ? null : rules.Pattern,
                PatternMessage = Blank(rules.PatternMessage) ? null : rules.PatternMessage!.Trim(),
            }
            : null;
        if (validation is { Min: null, Max: null, MinLength: null, MaxLength: null, Pattern: null, PatternMessage: null })
            validation = null;
        var condition = attribute.VisibleWhen is { } when && !(Blank(when.Field) && Blank(when.Value))
            ? new AttributeCondition((when.Field ?? string.Empty).Trim(), (when.Value ?? string.Empty).Trim())
            : null;
        return attribute with
        {
            Key = (attribute.Key ?? string.Empty).Trim(),
            Label = (attribute.Label ?? string.Empty).Trim(),
            DefaultValue = Blank(attribute.DefaultValue) ? null : attribute.DefaultValue!.Trim(),
            Options = (attribute.Options ?? []).Select(o => (o ?? string.Empty).Trim()).ToList(),
            Validation = validation,
            VisibleWhen = condition,
            HelpText = Blank(attribute.HelpText) ? null : attribute.HelpText!.Trim(),
        };
    }

    private static List<DomainError> CheckOptions(AttributeDefinition attribute, string at)
    {
        var errors = new List<DomainError>();
        var field = $"{at}.options";
        var isChoice = attribute.Type is AttributeType.Enum or AttributeType.MultiEnum;
        if (!isChoice)
        {
            if (attribute.Options.Count > 0)
                errors.Add(new DomainError("attribute_schema.options_not_allowed", $"Only ENUM and MULTI_ENUM attributes have options, not {TypeName(attribute.Type)}.", field));
            return errors;
        }

        if (attribute.Options.Count == 0)
        {
            errors.Add(new DomainError("attribute_schema.options", $"{TypeName(attribute.Type)} attribute '{attribute.Label}' needs at least one option.", field));
            return errors;
        }

        if (attribute.Options.Count > MaximumOptions)
            errors.Add(new DomainError("attribute_schema.options", $"An attribute has at most {MaximumOptions} options.", field));
        if (attribute.Options.Any(o => o.Length == 0))
            errors.Add(new DomainError("attribute_schema.options", "Options cannot be empty.", field));
        if (attribute.Options.Any(o => o.Length > MaximumOptionLength))
            errors.Add(new DomainError("attribute_schema.options", $"An option has at most {MaximumOptionLength} characters.", field));

        // Forms and defaults list several choices separated by commas, so an option cannot contain one.
        if (attribute.Options.Any(o => o.Contains(',', StringComparison.Ordinal)))
            errors.Add(new DomainError("attribute_schema.options", "An option cannot contain a comma.", field));

        // Submitted values match options case-insensitively, so "Large" and "large" would be the same choice.
        var duplicate = attribute.Options.GroupBy(o => o, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1);
        if (duplicate is not null)
            errors.Add(new DomainError("attribute_schema.duplicate_option", $"The option '{duplicate.Key}' is listed more than once.", field));
        return errors;
    }

    private static List<DomainError> CheckValidation(AttributeDefinition attribute, string at)
    {
        var errors = new List<DomainError>();
        if (attribute.Validation is not { } rules)
            return errors;
        var field = $"{at}.validation";
        var type = TypeName(attribute.Type);

        void NotFor(string property, string appliesTo) =>
            errors.Add(new DomainError("attribute_schema.validation_not_allowed", $"{Describe(property)} only applies to {appliesTo} attributes, not {type}.", $"{field}.{property}"));

        var countsOrNumbers = attribute.Type is AttributeType.Int or AttributeType.MultiEnum;
        if (!countsOrNumbers)
        {
            if (rules.Min is not null)
                NotFor("min", "INT and MULTI_ENUM");
            if (rules.Max is not null)
                NotFor("max", "INT and MULTI_ENUM");
        }

        if (attribute.Type != AttributeType.String)
        {
            if (rules.MinLength is not null)
                NotFor("minLength", "STRING");
            if (rules.MaxLength is not null)
                NotFor("maxLength", "STRING");
            if (rules.Pattern is not null)
                NotFor("pattern", "STRING");
            if (rules.PatternMessage is not null)
                NotFor("patternMessage", "STRING");
        }

        if (errors.Count > 0)
            return errors;

        if (attribute.Type == AttributeType.MultiEnum)
        {
            if (rules.Min is < 0)
                errors.Add(new DomainError("attribute_schema.limits", "The fewest choices cannot be negative.", $"{field}.min"));
            if (rules.Max is < 1)
                errors.Add(new DomainError("attribute_schema.limits", "The most choices must be at least 1.", $"{field}.max"));
            if (rules.Min is { } fewest && fewest > attribute.Options.Count)
                errors.Add(new DomainError("attribute_schema.limits", $"The fewest choices ({fewest}) is more than the {attribute.Options.Count} options.", $"{field}.min"));
        }

        if (rules is { Min: { } min, Max: { } max } && min > max)
            errors.Add(new DomainError("attribute_schema.limits", $"The minimum ({min}) is greater than the maximum ({max}).", $"{field}.min"));

        if (attribute.Type == AttributeType.String)
        {
            if (rules.MinLength is { } minLength && minLength is < 0 or > MaximumTextLength)
                errors.Add(new DomainError("attribute_schema.limits", $"The minimum length must be 0 to {MaximumTextLength}.", $"{field}.minLength"));
            if (rules.MaxLength is { } maxLength && maxLength is < 1 or > MaximumTextLength)
                errors.Add(new DomainError("attribute_schema.limits", $"The maximum length must be 1 to {MaximumTextLength}.", $"{field}.maxLength"));
            if (rules is { MinLength: { } shortest, MaxLength: { } longest } && shortest > longest)
                errors.Add(new DomainError("attribute_schema.limits", $"The minimum length ({shortest}) is greater than the maximum length ({longest}).", $"{field}.minLength"));
            if (rules.Pattern is { } pattern)
            {
                if (pattern.Length > MaximumPatternLength)
                    errors.Add(new DomainError("attribute_schema.pattern", $"A pattern has at most {MaximumPatternLength} characters.", $"{field}.pattern"));
                else if (CompileProblem(pattern) is { } problem)
                    errors.Add(new DomainError("attribute_schema.pattern", $"The pattern is not a valid regular expression: {problem}", $"{field}.pattern"));
            }
            else if (rules.PatternMessage is not null)
            {
                errors.Add(new DomainError("attribute_schema.pattern", "A pattern message needs a pattern.", $"{field}.patternMessage"));
            }

            if (rules.PatternMessage is { Length: > MaximumPatternMessageLength })
                errors.Add(new DomainError("attribute_schema.pattern", $"A pattern message has at most {MaximumPatternMessageLength} characters.", $"{field}.patternMessage"));
        }

        return errors;
    }

    private static IEnumerable<DomainError> CheckDefault(AttributeDefinition attribute, string at)
    {
        if (attribute.DefaultValue is not { } value)
            yield break;
        if (value.Length > MaximumTextLength)
        {
            yield return new DomainError("attribute_schema.default_value", $"A default value has at most {MaximumTextLength} characters.", $"{at}.defaultValue");
            yield break;
        }

        // The default must be a value the order form itself would accept, checked by the same code.
        var problems = AttributeValues.CheckValue(attribute, value);
        foreach (var problem in problems)
            yield return new DomainError("attribute_schema.default_value", $"The default value is not valid: {problem.Message}", $"{at}.defaultValue");
    }

    private static List<DomainError> CheckConditions(IReadOnlyList<AttributeDefinition> attributes)
    {
        var errors = new List<DomainError>();
        var byKey = new Dictionary<string, AttributeDefinition>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
            byKey.TryAdd(attribute.Key, attribute);

        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (attribute.VisibleWhen is not { } condition)
                continue;
            var at = $"attributes[{i}].visibleWhen";
            if (condition.Field.Length == 0)
            {
                errors.Add(new DomainError("attribute_schema.visible_when", "Name the attribute this one depends on.", $"{at}.field"));
                continue;
            }

            if (condition.Field == attribute.Key)
            {
                errors.Add(new DomainError("attribute_schema.visible_when", "An attribute cannot depend on itself.", $"{at}.field"));
                continue;
            }

            if (!byKey.TryGetValue(condition.Field, out var controlling))
            {
                errors.Add(new DomainError("attribute_schema.visible_when", $"There is no attribute '{condition.Field}' to depend on.", $"{at}.field"));
                continue;
            }

            if (condition.Value.Length == 0)
            {
                errors.Add(new DomainError("attribute_schema.visible_when", "Say which value of the other attribute shows this one.", $"{at}.value"));
                continue;
            }

            if (ConditionValueProblem(controlling, condition.Value) is { } problem)
                errors.Add(new DomainError("attribute_schema.visible_when", problem, $"{at}.value"));

            if (InCycle(attribute, byKey))
            {
                errors.Add(new DomainError("attribute_schema.visible_when_cycle",
                    $"'{attribute.Key}' depends on itself through other attributes (visible_when goes round in a circle).", $"{at}.field"));
            }
        }

        return errors;
    }

    private static string? ConditionValueProblem(AttributeDefinition controlling, string value) => controlling.Type switch
    {
        AttributeType.Bool when AttributeValues.ParseFlag(value) is null =>
            $"'{controlling.Key}' is BOOL: the value must be true or false.",
        AttributeType.Int when !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) =>
            $"'{controlling.Key}' is INT: the value must be a whole number.",
        AttributeType.Enum or AttributeType.MultiEnum when !controlling.Options.Contains(value, StringComparer.OrdinalIgnoreCase) =>
            $"'{value}' is not an option of '{controlling.Key}' ({string.Join(", ", controlling.Options)}).",
        _ => null,
    };

    /// <summary>Whether following <c>visible_when</c> from <paramref name="start"/> comes back to it.</summary>
    private static bool InCycle(AttributeDefinition start, Dictionary<string, AttributeDefinition> byKey)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { start.Key };
        var current = start;
        while (current.VisibleWhen is { } condition && byKey.TryGetValue(condition.Field, out var next))
        {
            if (next.Key == start.Key)
                return true;
            if (!visited.Add(next.Key))
                return false; // a cycle further along that does not pass through start: reported on its own members
            current = next;
        }

        return false;
    }

    private static string? CompileProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }

    private static string TypeName(AttributeType type) =>
        Enum.IsDefined(type) ? WireName<AttributeType>.Of(type).ToUpperInvariant() : type.ToString();

    private static string Describe(string property) => property switch
    {
        "min" => "A minimum",
        "max" => "A maximum",
        "minLength" => "A minimum length",
        "maxLength" => "A maximum length",
        "pattern" => "A pattern",
        _ => "A pattern message",
    };

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}
