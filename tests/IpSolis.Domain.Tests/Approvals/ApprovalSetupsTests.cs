using IpSolis.Domain.Approvals;

namespace IpSolis.Domain.Tests.Approvals;

public sealed class ApprovalSetupsTests
{
    private static readonly ApprovalRule GoodRule = new("Expensive", new ApprovalClause("monthlyCost", ApprovalOperator.GreaterThan, "100"),
        [new Approver("cfo@example.com", "CFO")], Quorum: 1);

    [Fact]
    public void Validate_CompleteSetup_HasNoErrors()
    {
        var setup = new ApprovalSetup
        {
            RequiresManager = true,
            RequiresOwners = true,
            Owners = [new Approver("owner@example.com", "Owner")],
            Quorum = 1,
            Rules = [GoodRule],
        };

        ApprovalSetups.Validate(setup).Should().BeEmpty();
    }

    [Fact]
    public void Validate_BadRuleCondition_NamesTheFieldInsideTheRule()
    {
        var rule = GoodRule with
        {
            Condition = new ApprovalConditionGroup(ApprovalCombinator.And, [new ApprovalClause("salary", ApprovalOperator.GreaterThan, "1")]),
        };

        var errors = ApprovalSetups.Validate(new ApprovalSetup { Rules = [GoodRule with { Name = "Other" }, rule] });

        errors.Should().ContainSingle().Which.Field.Should().Be("approvalRules[1].condition.clauses[0].field");
    }

    [Fact]
    public void Validate_RuleWithoutNameOrApprovers_AndDuplicateNames_AreEachReported()
    {
        var errors = ApprovalSetups.Validate(new ApprovalSetup
        {
            Rules = [GoodRule, GoodRule with { Name = "expensive" }, GoodRule with { Name = " ", Approvers = [] }],
        });

        errors.Select(e => e.Field).Should().BeEquivalentTo(["approvalRules[1].name", "approvalRules[2].name", "approvalRules[2].approvers"]);
    }

    [Fact]
    public void Validate_OwnerWithoutEmailOrTwice_AndNegativeQuorum_AreReported()
    {
        var errors = ApprovalSetups.Validate(new ApprovalSetup
        {
            Owners = [new Approver("a@example.com", "A"), new Approver("A@example.com ", "A again"), new Approver("not an email", "B")],
            Quorum = -1,
        });

        errors.Select(e => e.Field).Should().BeEquivalentTo(["approvalQuorum", "approvalOwners[1].email", "approvalOwners[2].email"]);
    }
}
