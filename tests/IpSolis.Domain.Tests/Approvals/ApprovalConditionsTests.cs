using IpSolis.Domain.Approvals;

namespace IpSolis.Domain.Tests.Approvals;

public sealed class ApprovalConditionsTests
{
    private static readonly ApprovalFacts Order = new()
    {
        DurationDays = 30,
        MonthlyCost = 99.50m,
        HasPii = true,
        RequesterDepartment = "Finance",
        RequesterCostCenter = "CC-4711",
        RequesterTitle = "Senior Analyst",
        Attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["os"] = ["Windows 11"],
            ["cores"] = ["8"],
            ["apps"] = ["Excel", "Visio"],
        },
    };

    private static ApprovalClause Clause(string field, string op, string value) =>
        new(field, ApprovalOperators.TryParse(op, out var parsed) ? parsed : throw new ArgumentException(op), value);

    private static bool Matches(string field, string op, string value) => ApprovalConditions.Matches(Clause(field, op, value), Order);

    [Theory]
    [InlineData("durationDays", ">", "29", true)]
    [InlineData("durationDays", ">", "30", false)]
    [InlineData("durationDays", ">=", "30", true)]
    [InlineData("durationDays", "<", "30", false)]
    [InlineData("durationDays", "<=", "30.0", true)]
    [InlineData("monthlyCost", ">", "99.49", true)]
    [InlineData("monthlyCost", "<", "100", true)]
    [InlineData("attr.cores", ">=", "8", true)]
    [InlineData("attr.cores", ">", "8", false)]
    public void Comparison_ComparesAsNumbers(string field, string op, string value, bool expected) =>
        Matches(field, op, value).Should().Be(expected);

    [Fact]
    public void Comparison_WithANonNumericFact_NeverMatches()
    {
        Matches("attr.os", ">", "1").Should().BeFalse();
        Matches("attr.os", "<", "1").Should().BeFalse();
        Matches("requesterDepartment", "<=", "100").Should().BeFalse();
    }

    [Fact]
    public void EqualTo_IsCaseInsensitive_AndNumericAware()
    {
        Matches("requesterDepartment", "==", "FINANCE").Should().BeTrue();
        Matches("requesterDepartment", "==", "Fin").Should().BeFalse();
        Matches("durationDays", "==", "30.00").Should().BeTrue();
        Matches("hasPii", "==", "TRUE").Should().BeTrue();
        Matches("hasPhi", "==", "false").Should().BeTrue();
    }

    [Fact]
    public void NotEqualTo_IsTheOppositeOfEqualTo_AndHoldsForAnAbsentFact()
    {
        Matches("requesterDepartment", "!=", "finance").Should().BeFalse();
        Matches("requesterDepartment", "!=", "Sales").Should().BeTrue();
        Matches("attr.missing", "!=", "x").Should().BeTrue("an absent value equals nothing");
        Matches("attr.missing", "==", "x").Should().BeFalse();
    }

    [Fact]
    public void Contains_FindsSubstrings_AndMembersOfAMultiChoice()
    {
        Matches("requesterTitle", "contains", "analyst").Should().BeTrue();
        Matches("requesterTitle", "contains", "manager").Should().BeFalse();
        Matches("attr.apps", "contains", "visio").Should().BeTrue();
        Matches("attr.apps", "contains", "Word").Should().BeFalse();
    }

    [Fact]
    public void In_MatchesAnyListedValue()
    {
        Matches("requesterDepartment", "in", "Sales, finance ,IT").Should().BeTrue();
        Matches("requesterDepartment", "in", "Sales,IT").Should().BeFalse();
        Matches("durationDays", "in", "7, 30.0").Should().BeTrue();
        Matches("attr.apps", "in", "Word,Visio").Should().BeTrue();
    }

    [Fact]
    public void AbsentFacts_MatchNoOperatorButNotEqualTo()
    {
        var bare = new ApprovalFacts { DurationDays = 1 };
        foreach (var op in new[] { ">", ">=", "<", "<=", "==", "contains", "in" })
            ApprovalConditions.Matches(Clause("monthlyCost", op, "0"), bare).Should().BeFalse(op);
        ApprovalConditions.Matches(Clause("monthlyCost", "!=", "0"), bare).Should().BeTrue();
    }

    [Fact]
    public void Groups_CombineClauses_EmptyAndHolds_EmptyOrDoesNot()
    {
        var yes = Clause("durationDays", ">", "1");
        var no = Clause("durationDays", ">", "100");
        ApprovalConditions.Matches(new ApprovalConditionGroup(ApprovalCombinator.And, [yes, yes]), Order).Should().BeTrue();
        ApprovalConditions.Matches(new ApprovalConditionGroup(ApprovalCombinator.And, [yes, no]), Order).Should().BeFalse();
        ApprovalConditions.Matches(new ApprovalConditionGroup(ApprovalCombinator.Or, [no, yes]), Order).Should().BeTrue();
        ApprovalConditions.Matches(new ApprovalConditionGroup(ApprovalCombinator.Or, [no, no]), Order).Should().BeFalse();
        ApprovalConditions.Matches(new ApprovalConditionGroup(ApprovalCombinator.Not, [no]), Order).Should().BeTrue();
        ApprovalConditions.Matches(new ApprovalConditionGroup(ApprovalCombinator.And, []), Order).Should().BeTrue();
        ApprovalConditions.Matches(new ApprovalConditionGroup(ApprovalCombinator.Or, []), Order).Should().BeFalse();
    }

    [Fact]
    public void MalformedNot_NeverMatches()
    {
        var no = Clause("durationDays", ">", "100");
        ApprovalConditions.Matches(new ApprovalConditionGroup(ApprovalCombinator.Not, []), Order).Should().BeFalse();
        ApprovalConditions.Matches(new ApprovalConditionGroup(ApprovalCombinator.Not, [no, no]), Order).Should().BeFalse();
    }

    [Fact]
    public void NestedConditions_Evaluate()
    {
        // (department in Finance,Sales AND NOT hasPci) OR monthlyCost > 500
        var condition = new ApprovalConditionGroup(ApprovalCombinator.Or,
        [
            new ApprovalConditionGroup(ApprovalCombinator.And,
            [
                Clause("requesterDepartment", "in", "Finance,Sales"),
                new ApprovalConditionGroup(ApprovalCombinator.Not, [Clause("hasPci", "==", "true")]),
            ]),
            Clause("monthlyCost", ">", "500"),
        ]);
        ApprovalConditions.Validate(condition).Should().BeEmpty();
        ApprovalConditions.Matches(condition, Order).Should().BeTrue();
        ApprovalConditions.Matches(condition, Order with { HasPci = true }).Should().BeFalse();
        ApprovalConditions.Matches(condition, Order with { HasPci = true, MonthlyCost = 900 }).Should().BeTrue();
    }

    private static ApprovalCondition Nested(int depth) =>
        depth == 1 ? Clause("durationDays", ">", "1") : new ApprovalConditionGroup(ApprovalCombinator.And, [Nested(depth - 1)]);

    [Fact]
    public void Validate_AcceptsEightLevels_RefusesNine()
    {
        ApprovalConditions.Validate(Nested(8)).Should().BeEmpty();
        ApprovalConditions.Validate(Nested(9)).Should().ContainSingle(e => e.Code == "approval_rule.too_deep");
    }

    [Fact]
    public void Validate_NotNeedsExactlyOneClause()
    {
        var errors = ApprovalConditions.Validate(new ApprovalConditionGroup(ApprovalCombinator.Not, []));
        errors.Should().ContainSingle(e => e.Code == "approval_rule.not_needs_one" && e.Field == "condition.clauses");
    }

    [Theory]
    [InlineData("department", ">", "1", "approval_rule.unknown_field", "field")]
    [InlineData("attr.", "==", "1", "approval_rule.unknown_field", "field")]
    [InlineData("attr.a b", "==", "1", "approval_rule.unknown_field", "field")]
    [InlineData("durationDays", ">", "thirty", "approval_rule.value_not_number", "value")]
    [InlineData("durationDays", "in", "7, x", "approval_rule.value_not_number", "value")]
    [InlineData("durationDays", "contains", "3", "approval_rule.operator_unfit", "operator")]
    [InlineData("attr.cores", ">", "many", "approval_rule.value_not_number", "value")]
    [InlineData("hasPii", ">", "1", "approval_rule.operator_unfit", "operator")]
    [InlineData("hasPii", "==", "yes", "approval_rule.value_not_flag", "value")]
    [InlineData("requesterTitle", "==", "  ", "approval_rule.value_required", "value")]
    public void Validate_NamesTheFaultyPartOfAClause(string field, string op, string value, string code, string part)
    {
        var condition = new ApprovalConditionGroup(ApprovalCombinator.And, [Clause("durationDays", ">", "1"), Clause(field, op, value)]);
        ApprovalConditions.Validate(condition).Should().ContainSingle()
            .Which.Should().Match<DomainError>(e => e.Code == code && e.Field == "condition.clauses[1]." + part);
    }

    [Fact]
    public void Validate_RefusesOverlongValues_AndHugeConditions()
    {
        ApprovalConditions.Validate(Clause("requesterTitle", "==", new string('x', 501)))
            .Should().ContainSingle(e => e.Code == "approval_rule.value_too_long");
        var huge = new ApprovalConditionGroup(ApprovalCombinator.Or,
            Enumerable.Range(0, 250).Select(i => (ApprovalCondition)Clause("durationDays", ">", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList());
        ApprovalConditions.Validate(huge).Should().ContainSingle(e => e.Code == "approval_rule.too_large");
    }

    [Fact]
    public void Operators_RoundTripTheirSymbols()
    {
        foreach (var symbol in ApprovalOperators.All)
        {
            ApprovalOperators.TryParse(symbol, out var op).Should().BeTrue(symbol);
            ApprovalOperators.Symbol(op).Should().Be(symbol);
        }

        ApprovalOperators.TryParse(" CONTAINS ", out var contains).Should().BeTrue();
        contains.Should().Be(ApprovalOperator.Contains);
        ApprovalOperators.TryParse("=", out _).Should().BeFalse();
        ApprovalOperators.TryParse(null, out _).Should().BeFalse();
    }
}
