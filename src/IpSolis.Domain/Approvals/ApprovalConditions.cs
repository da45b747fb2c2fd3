using System.Globalization;

namespace IpSolis.Domain.Approvals;

/// <summary>
/// Checks and evaluates approval-rule conditions. A condition is checked whole when its rule is saved, so that the
/// evaluation an order meets later never has to guess: a saved condition has known fields, operators that fit them,
/// readable values and at most <see cref="MaxDepth"/> levels.
/// </summary>
public static class ApprovalConditions
{
    /// <summary>The deepest nesting a condition may have; a single clause is one level, each group adds one.</summary>
    public const int MaxDepth = 8;

    /// <summary>The most clauses and groups one condition may hold, so a saved rule stays readable and cheap.</summary>
    public const int MaxNodes = 200;

    public const int MaxValueLength = 500;

    /// <summary>Every problem of <paramref name="condition"/>, each naming where it is (<c>condition.clauses[1].value</c>).</summary>
    public static IReadOnlyList<DomainError> Validate(ApprovalCondition condition, string path = "condition")
    {
        var errors = new List<DomainError>();
        var nodes = 0;
        Check(condition, path, 1, errors, ref nodes);
        if (nodes > MaxNodes)
            errors.Add(new DomainError("approval_rule.too_large", $"A condition may hold at most {MaxNodes} clauses and groups; this one has {nodes}.", path));
        return errors;
    }

    private static void Check(ApprovalCondition condition, string path, int depth, List<DomainError> errors, ref int nodes)
    {
        nodes++;
        if (depth > MaxDepth)
        {
            errors.Add(new DomainError("approval_rule.too_deep", $"Conditions may be nested at most {MaxDepth} levels deep.", path));
            return;
        }

        switch (condition)
        {
            case ApprovalConditionGroup group:
                if (group.Combinator == ApprovalCombinator.Not && group.Clauses.Count != 1)
                    errors.Add(new DomainError("approval_rule.not_needs_one", $"A NOT group takes exactly one clause; this one has {group.Clauses.Count}.", path + ".clauses"));
                for (var i = 0; i < group.Clauses.Count; i++)
                    Check(group.Clauses[i], $"{path}.clauses[{i}]", depth + 1, errors, ref nodes);
                break;
            case ApprovalClause clause:
                CheckClause(clause, path, errors);
                break;
            default:
                errors.Add(new DomainError("approval_rule.unknown_condition", "The condition is neither a clause nor a group.", path));
                break;
        }
    }

    private static void CheckClause(ApprovalClause clause, string path, List<DomainError> errors)
    {
        if (!ApprovalFields.IsKnown(clause.Field))
        {
            errors.Add(new DomainError("approval_rule.unknown_field",
                $"'{Shorten(clause.Field)}' is not a field rules can use: choose one of {string.Join(", ", ApprovalFields.Fixed)} or attr.<key>.",
                path + ".field"));
            return;
        }

        var value = clause.Value ?? "";
        if (value.Trim().Length == 0)
        {
            errors.Add(new DomainError("approval_rule.value_required", "Enter the value to compare with.", path + ".value"));
            return;
        }

        if (value.Length > MaxValueLength)
        {
            errors.Add(new DomainError("approval_rule.value_too_long", $"The value may be at most {MaxValueLength} characters.", path + ".value"));
            return;
        }

        var symbol = ApprovalOperators.Symbol(clause.Operator);
        if (ApprovalFields.IsFlag(clause.Field))
        {
            if (clause.Operator is not (ApprovalOperator.EqualTo or ApprovalOperator.NotEqualTo))
                errors.Add(new DomainError("approval_rule.operator_unfit", $"{clause.Field} is true or false: compare it with == or !=, not {symbol}.", path + ".operator"));
            else if (Flag(value) is null)
                errors.Add(new DomainError("approval_rule.value_not_flag", $"{clause.Field} is compared with true or false, not '{Shorten(value)}'.", path + ".value"));
            return;
        }

        if (ApprovalFields.IsNumeric(clause.Field) && clause.Operator == ApprovalOperator.Contains)
        {
            errors.Add(new DomainError("approval_rule.operator_unfit", $"{clause.Field} is a number: compare it with > >= < <= == != or in, not contains.", path + ".operator"));
            return;
        }

        var numbersNeeded = ApprovalOperators.IsNumeric(clause.Operator) || ApprovalFields.IsNumeric(clause.Field);
        if (!numbersNeeded)
            return;
        var items = clause.Operator == ApprovalOperator.In ? Items(value) : [value.Trim()];
        var unreadable = items.FirstOrDefault(i => Number(i) is null);
        if (unreadable is not null)
            errors.Add(new DomainError("approval_rule.value_not_number", $"'{Shorten(unreadable)}' is not a number (write it like 30 or 99.50).", path + ".value"));
    }

    /// <summary>Whether the order described by <paramref name="facts"/> meets <paramref name="condition"/>.</summary>
    /// <remarks>
    /// A clause on a fact the order does not have (an unset attribute, no monthly cost) holds only for <c>!=</c>: the
    /// absent value equals nothing. Comparison operators hold only when both sides read as numbers. Text compares
    /// case-insensitively; numbers compare as numbers (<c>5 == 5.0</c>). <c>contains</c> holds when some value of
    /// the fact contains the text, which for a multi-choice attribute includes being one of the chosen options.
    /// </remarks>
    public static bool Matches(ApprovalCondition condition, ApprovalFacts facts) => condition switch
    {
        ApprovalConditionGroup { Combinator: ApprovalCombinator.And } group => group.Clauses.All(c => Matches(c, facts)),
        ApprovalConditionGroup { Combinator: ApprovalCombinator.Or } group => group.Clauses.Any(c => Matches(c, facts)),
        ApprovalConditionGroup { Combinator: ApprovalCombinator.Not, Clauses.Count: 1 } group => !Matches(group.Clauses[0], facts),
        ApprovalClause clause => Holds(clause, ApprovalFields.Read(clause.Field, facts)),
        // A malformed condition (a NOT without exactly one clause) never applies: Validate refuses to save it.
        _ => false,
    };

    private static bool Holds(ApprovalClause clause, IReadOnlyList<string> values)
    {
        var expected = clause.Value.Trim();
        return clause.Operator switch
        {
            ApprovalOperator.GreaterThan => values.Any(v => Compare(v, expected) > 0),
            ApprovalOperator.GreaterOrEqual => values.Any(v => Compare(v, expected) >= 0),
            ApprovalOperator.LessThan => values.Any(v => Compare(v, expected) is < 0),
            ApprovalOperator.LessOrEqual => values.Any(v => Compare(v, expected) is <= 0),
            ApprovalOperator.EqualTo => values.Any(v => SameValue(v, expected)),
            ApprovalOperator.NotEqualTo => !values.Any(v => SameValue(v, expected)),
            ApprovalOperator.Contains => values.Any(v => v.Contains(expected, StringComparison.OrdinalIgnoreCase)),
            ApprovalOperator.In => Items(expected) is var items && values.Any(v => items.Any(i => SameValue(v, i))),
            _ => false,
        };
    }

    /// <summary>The sign of <c>actual − expected</c> when both read as numbers, else null (no match).</summary>
    private static int? Compare(string actual, string expected) =>
        Number(actual) is { } a && Number(expected) is { } e ? a.CompareTo(e) : null;

    private static bool SameValue(string actual, string expected)
    {
        if (Number(actual) is { } a && Number(expected) is { } e)
            return a == e;
        return string.Equals(actual.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static decimal? Number(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static bool? Flag(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    private static string[] Items(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
