namespace IpSolis.Domain.Approvals;

/// <summary>The wire symbols of <see cref="ApprovalOperator"/>: <c>&gt; &gt;= &lt; &lt;= == != contains in</c>.</summary>
public static class ApprovalOperators
{
    private static readonly (ApprovalOperator Operator, string Symbol)[] Symbols =
    [
        (ApprovalOperator.GreaterThan, ">"),
        (ApprovalOperator.GreaterOrEqual, ">="),
        (ApprovalOperator.LessThan, "<"),
        (ApprovalOperator.LessOrEqual, "<="),
        (ApprovalOperator.EqualTo, "=="),
        (ApprovalOperator.NotEqualTo, "!="),
        (ApprovalOperator.Contains, "contains"),
        (ApprovalOperator.In, "in"),
    ];

    /// <summary>Every symbol, in the order the rule editor offers them.</summary>
    public static IReadOnlyList<string> All { get; } = Symbols.Select(s => s.Symbol).ToArray();

    public static string Symbol(ApprovalOperator op) => Symbols.First(s => s.Operator == op).Symbol;

    /// <summary>Parses a symbol or word (words case-insensitive, surrounding blanks ignored).</summary>
    public static bool TryParse(string? text, out ApprovalOperator op)
    {
        foreach (var (candidate, symbol) in Symbols)
        {
            if (string.Equals(symbol, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                op = candidate;
                return true;
            }
        }

        op = default;
        return false;
    }

    /// <summary>Operators that compare numbers: the fact and the value must both read as numbers to match.</summary>
    public static bool IsNumeric(ApprovalOperator op) =>
        op is ApprovalOperator.GreaterThan or ApprovalOperator.GreaterOrEqual or ApprovalOperator.LessThan or ApprovalOperator.LessOrEqual;
}
