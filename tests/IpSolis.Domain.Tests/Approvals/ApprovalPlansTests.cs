using IpSolis.Domain.Approvals;
using IpSolis.Domain.Catalog;

namespace IpSolis.Domain.Tests.Approvals;

public sealed class ApprovalPlansTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Approver Manager = new("Mia.Manager@example.com", "Mia Manager");
    private static readonly Approver Owner = new("owen.owner@example.com", "Owen Owner");
    private static readonly Approver Officer = new("carla.compliance@example.com", "Carla Compliance");

    private static ApprovalCircumstances Circumstances(ApprovalFacts? facts = null) => new()
    {
        Facts = facts ?? new ApprovalFacts { DurationDays = 30, MonthlyCost = 40 },
        Manager = Manager,
        Now = Now,
    };

    private static ApprovalRule Rule(string name, ApprovalCondition condition, int? quorum = null, params Approver[] approvers) =>
        new(name, condition, approvers, quorum);

    private static readonly ApprovalCondition Always = new ApprovalConditionGroup(ApprovalCombinator.And, []);
    private static readonly ApprovalCondition Never = new ApprovalConditionGroup(ApprovalCombinator.Or, []);

    [Fact]
    public void NothingRequired_NeedsNoApproval()
    {
        var plan = ApprovalPlans.Build(new ApprovalSetup(), Circumstances()).Value;
        plan.Should().BeEmpty();
        ApprovalPlans.NeedsDecision(plan).Should().BeFalse();
    }

    [Fact]
    public void Manager_IsAsked_InTheGeneralBucketWithTheFrozenQuorum()
    {
        var plan = ApprovalPlans.Build(new ApprovalSetup { RequiresManager = true, Quorum = 1 }, Circumstances()).Value;
        plan.Should().ContainSingle().Which.Should().Match<PlannedApproval>(p =>
            p.Approver == Manager && p.Source == ApprovalSource.Manager && p.Bucket == null && p.Threshold == 1 && !p.PreApproved);
    }

    [Fact]
    public void ManagerRequiredButUnknown_RefusesTheOrderWithTheReason()
    {
        var result = ApprovalPlans.Build(new ApprovalSetup { RequiresManager = true }, Circumstances() with { Manager = null });
        result.Errors.Should().ContainSingle(e => e.Code == "approval.no_manager");
    }

    [Fact]
    public void OrderPlacedByTheRecipientsManager_IsPreApproved_AndNeedsNoDecision()
    {
        var plan = ApprovalPlans.Build(new ApprovalSetup { RequiresManager = true }, Circumstances() with { PlacedByManager = true }).Value;
        plan.Single().PreApproved.Should().BeTrue();
        plan.Single().SodExempt.Should().BeTrue();
        ApprovalPlans.NeedsDecision(plan).Should().BeFalse();
    }

    [Fact]
    public void OwnersRequiredButNoneConfigured_RefusesTheOrder()
    {
        ApprovalPlans.Build(new ApprovalSetup { RequiresOwners = true }, Circumstances()).Errors
            .Should().ContainSingle(e => e.Code == "approval.no_owner");
    }

    [Fact]
    public void EachPersonIsAskedOnce_EarlierSourcesWin()
    {
        var managerAgain = new Approver("mia.manager@EXAMPLE.com ", "Mia");
        var setup = new ApprovalSetup
        {
            RequiresManager = true,
            RequiresOwners = true,
            Owners = [Owner, managerAgain],
            Rules = [Rule("First", Always, 1, Owner, Officer), Rule("Second", Always, null, Officer)],
        };
        var plan = ApprovalPlans.Build(setup, Circumstances()).Value;
        plan.Select(p => (p.Approver.Key, p.Source, p.Bucket)).Should().Equal(
            ("mia.manager@example.com", ApprovalSource.Manager, (string?)null),
            ("owen.owner@example.com", ApprovalSource.Owner, null),
            ("carla.compliance@example.com", ApprovalSource.Rule, "First"));
    }

    [Fact]
    public void OnlyMatchingRules_AddApprovers_WithTheirOwnQuorumBucket()
    {
        var setup = new ApprovalSetup
        {
            Rules =
            [
                Rule("Long orders", new ApprovalClause(ApprovalFields.DurationDays, ApprovalOperator.GreaterThan, "14"), 2, Owner, Officer, Manager),
                Rule("Expensive", new ApprovalClause(ApprovalFields.MonthlyCost, ApprovalOperator.GreaterThan, "500"), null, new Approver("cfo@example.com", "CFO")),
            ],
        };
        var plan = ApprovalPlans.Build(setup, Circumstances()).Value;
        plan.Should().HaveCount(3).And.OnlyContain(p => p.Bucket == "Long orders" && p.Threshold == 2 && p.RuleName == "Long orders");
    }

    [Fact]
    public void AMatchingRuleWithoutApprovers_RefusesTheOrder()
    {
        var setup = new ApprovalSetup { Rules = [Rule("Empty", Always)] };
        ApprovalPlans.Build(setup, Circumstances()).Errors.Should().ContainSingle(e => e.Code == "approval.rule_without_approvers");
        ApprovalPlans.Build(setup with { Rules = [Rule("Empty", Never)] }, Circumstances()).Value.Should().BeEmpty();
    }

    [Fact]
    public void Classification_StrictestConfiguredClassDecides()
    {
        var facts = new ApprovalFacts { DurationDays = 1, HasPii = true, HasPci = true };
        var policies = new Dictionary<Classification, ClassificationPolicy>
        {
            [Classification.Pii] = ClassificationPolicy.ComplianceOfficer,
            [Classification.Pci] = ClassificationPolicy.OwnerOfRecord,
        };
        var setup = new ApprovalSetup { Owners = [Owner] };
        var plan = ApprovalPlans.Build(setup, Circumstances(facts) with { ClassificationPolicies = policies, ComplianceOfficer = Officer }).Value;
        plan.Should().ContainSingle().Which.Source.Should().Be(ApprovalSource.OwnerOfRecord);

        var piiOnly = ApprovalPlans.Build(setup, Circumstances(facts with { HasPci = false }) with { ClassificationPolicies = policies, ComplianceOfficer = Officer }).Value;
        piiOnly.Should().ContainSingle().Which.Approver.Should().Be(Officer);
    }

    [Fact]
    public void ClassificationPolicyWithoutItsApprover_RefusesTheOrder()
    {
        var facts = new ApprovalFacts { DurationDays = 1, HasPhi = true };
        var officerPolicy = new Dictionary<Classification, ClassificationPolicy> { [Classification.Phi] = ClassificationPolicy.ComplianceOfficer };
        ApprovalPlans.Build(new ApprovalSetup(), Circumstances(facts) with { ClassificationPolicies = officerPolicy }).Errors
            .Should().ContainSingle(e => e.Code == "approval.no_compliance_officer");
        var ownerPolicy = new Dictionary<Classification, ClassificationPolicy> { [Classification.Phi] = ClassificationPolicy.OwnerOfRecord };
        ApprovalPlans.Build(new ApprovalSetup(), Circumstances(facts) with { ClassificationPolicies = ownerPolicy }).Errors
            .Should().ContainSingle(e => e.Code == "approval.no_owner_of_record");
    }

    [Fact]
    public void Delegation_SendsTheRowToTheDelegate_OnBehalfOfTheApprover_WithoutChaining()
    {
        var deputy = new Approver("dana.deputy@example.com", "Dana Deputy");
        var third = new Approver("third@example.com", "Third");
        var delegations = new[]
        {
            new ApprovalDelegation(1, "MIA.manager@example.com", deputy, Now.AddDays(-1), Now.AddDays(1)),
            new ApprovalDelegation(2, deputy.Email, third, Now.AddDays(-1), Now.AddDays(1)),
        };
        var plan = ApprovalPlans.Build(new ApprovalSetup { RequiresManager = true }, Circumstances() with { Delegations = delegations }).Value;
        plan.Single().Approver.Should().Be(deputy);
        plan.Single().OnBehalfOf.Should().Be(Manager);
    }

    [Fact]
    public void Delegation_ToSomeoneAlreadyInTheBucket_LeavesOneRow()
    {
        var delegations = new[] { new ApprovalDelegation(1, Manager.Email, Owner, Now.AddDays(-1), Now.AddDays(1)) };
        var plan = ApprovalPlans.Build(new ApprovalSetup { RequiresManager = true, RequiresOwners = true, Owners = [Owner] },
            Circumstances() with { Delegations = delegations }).Value;
        plan.Should().ContainSingle().Which.Approver.Should().Be(Owner);
    }

    [Fact]
    public void ExpiredOrRevokedDelegations_DoNotApply()
    {
        var deputy = new Approver("dana.deputy@example.com", "Dana Deputy");
        var delegations = new[]
        {
            new ApprovalDelegation(1, Manager.Email, deputy, Now.AddDays(-5), Now.AddDays(-1)),
            new ApprovalDelegation(2, Manager.Email, deputy, Now.AddDays(-1), Now.AddDays(1), RevokedAt: Now.AddHours(-1)),
            new ApprovalDelegation(3, Manager.Email, deputy, Now.AddDays(1), Now.AddDays(2)),
        };
        var plan = ApprovalPlans.Build(new ApprovalSetup { RequiresManager = true }, Circumstances() with { Delegations = delegations }).Value;
        plan.Single().Approver.Should().Be(Manager);
    }
}
