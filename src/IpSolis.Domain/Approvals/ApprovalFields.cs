namespace IpSolis.Domain.Approvals;

/// <summary>The facts a rule clause may name, and how each reads from <see cref="ApprovalFacts"/>.</summary>
public static class ApprovalFields
{
    public const string DurationDays = "durationDays";
    public const string MonthlyCost = "monthlyCost";
    public const string HasPii = "hasPii";
    public const string HasPhi = "hasPhi";
    public const string HasPci = "hasPci";
    public const string RequesterDepartment = "requesterDepartment";
    public const string RequesterCostCenter = "requesterCostCenter";
    public const string RequesterTitle = "requesterTitle";

    /// <summary>Prefix of a field naming an order attribute: <c>attr.&lt;key&gt;</c>.</summary>
    public const string AttributePrefix = "attr.";

    /// <summary>The fixed fields, in the order the rule editor offers them (attributes come after).</summary>
    public static IReadOnlyList<string> Fixed { get; } =
        [DurationDays, MonthlyCost, HasPii, HasPhi, HasPci, RequesterDepartment, RequesterCostCenter, RequesterTitle];

    /// <summary>Whether the field holds a number (so it takes the comparison operators).</summary>
    public static bool IsNumeric(string field) => field is DurationDays or MonthlyCost;

    /// <summary>Whether the field holds true or false.</summary>
    public static bool IsFlag(string field) => field is HasPii or HasPhi or HasPci;

    /// <summary>Whether <paramref name="field"/> is a fixed field or a well-formed <c>attr.&lt;key&gt;</c>.</summary>
    public static bool IsKnown(string field) =>
        Fixed.Contains(field, StringComparer.Ordinal) || AttributeKey(field) is not null;

    /// <summary>The attribute key of an <c>attr.&lt;key&gt;</c> field, or null.</summary>
    public static string? AttributeKey(string field) =>
        field.StartsWith(AttributePrefix, StringComparison.Ordinal) && field.Length > AttributePrefix.Length
            && field[AttributePrefix.Length..].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? field[AttributePrefix.Length..]
            : null;

    /// <summary>The field's values on this order: none when it is unknown or unset, several for a multi-choice.</summary>
    public static IReadOnlyList<string> Read(string field, ApprovalFacts facts)
    {
        static IReadOnlyList<string> One(string? text) => text is null ? [] : [text];
        static string Number(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        static string Flag(bool value) => value ? "true" : "false";

        return field switch
        {
            DurationDays => [Number(facts.DurationDays)],
            MonthlyCost => facts.MonthlyCost is { } cost ? [Number(cost)] : [],
            HasPii => [Flag(facts.HasPii)],
            HasPhi => [Flag(facts.HasPhi)],
            HasPci => [Flag(facts.HasPci)],
            RequesterDepartment => One(facts.RequesterDepartment),
            RequesterCostCenter => One(facts.RequesterCostCenter),
            RequesterTitle => One(facts.RequesterTitle),
            _ => AttributeKey(field) is { } key && facts.Attributes.TryGetValue(key, out var values) ? values : [],
        };
    }
}
