using IpSolis.Domain.Catalog;

namespace IpSolis.Domain.Approvals;

/// <summary>
/// Who must approve a new order, built in a fixed order: the manager, the application owners, the conditional
/// rules that match, the classification policy, then delegation. Each person is asked once (a later source that names
/// someone already asked adds nobody; the first rule naming a person decides their bucket). An order whose type
/// asks for an approver who cannot be found is refused with the reason, never left waiting for nobody.
/// </summary>
public static class ApprovalPlans
{
    public static Result<IReadOnlyList<PlannedApproval>> Build(ApprovalSetup setup, ApprovalCircumstances circumstances)
    {
        var errors = new List<DomainError>();
        var rows = new List<PlannedApproval>();
        var asked = new HashSet<string>(StringComparer.Ordinal);

        void Ask(Approver approver, ApprovalSource source, string? bucket, int? threshold, bool sodExempt, string? rule = null, bool preApproved = false)
        {
            if (approver.Key.Length == 0 || !asked.Add(approver.Key))
                return;
            rows.Add(new PlannedApproval(approver, source, bucket, threshold, sodExempt, rule, PreApproved: preApproved));
        }

        if (setup.RequiresManager)
        {
            if (circumstances.Manager is not { } manager)
                errors.Add(new DomainError("approval.no_manager", "This item needs the manager's approval, but the directory names no manager for the person it is for. Ask IT to record the manager, then order again."));
            else
                Ask(manager, ApprovalSource.Manager, null, setup.Quorum, sodExempt: circumstances.PlacedByManager, preApproved: circumstances.PlacedByManager);
        }

        if (setup.RequiresOwners)
        {
            if (setup.Owners.Count == 0)
                errors.Add(new DomainError("approval.no_owner", "This item needs its application owners' approval, but none are configured. Ask IT to name the owners."));
            foreach (var owner in setup.Owners)
                Ask(owner, ApprovalSource.Owner, null, setup.Quorum, sodExempt: false);
        }

        foreach (var rule in setup.Rules.Where(r => ApprovalConditions.Matches(r.Condition, circumstances.Facts)))
        {
            if (rule.Approvers.Count == 0)
                errors.Add(new DomainError("approval.rule_without_approvers", $"The approval rule '{rule.Name}' applies to this order but names no approver. Ask IT to complete the rule."));
            var bucket = rule.Quorum is > 0 ? rule.Name : null;
            foreach (var approver in rule.Approvers)
                Ask(approver, ApprovalSource.Rule, bucket, bucket is null ? setup.Quorum : rule.Quorum, rule.SodExempt, rule.Name);
        }

        switch (Policy(circumstances))
        {
            case ClassificationPolicy.ComplianceOfficer when circumstances.ComplianceOfficer is { } officer:
                Ask(officer, ApprovalSource.ComplianceOfficer, null, setup.Quorum, sodExempt: false);
                break;
            case ClassificationPolicy.ComplianceOfficer:
                errors.Add(new DomainError("approval.no_compliance_officer", "This order carries classified data that needs the compliance officer's approval, but no compliance officer is configured. Ask IT to set one."));
                break;
            case ClassificationPolicy.OwnerOfRecord when setup.Owners.Count > 0:
                foreach (var owner in setup.Owners)
                    Ask(owner, ApprovalSource.OwnerOfRecord, null, setup.Quorum, sodExempt: false);
                break;
            case ClassificationPolicy.OwnerOfRecord:
                errors.Add(new DomainError("approval.no_owner_of_record", "This order carries classified data that needs the owner of record's approval, but the item names no owners. Ask IT to name them."));
                break;
        }

        if (errors.Count > 0)
            return Result<IReadOnlyList<PlannedApproval>>.Failure([.. errors]);
        return Delegate(rows, circumstances);
    }

    /// <summary>Whether the order needs no decision at all: no rows, or only rows approved at creation.</summary>
    public static bool NeedsDecision(IReadOnlyList<PlannedApproval> plan) => plan.Any(p => !p.PreApproved);

    /// <summary>The policy of the strictest class the order carries that has one configured.</summary>
    private static ClassificationPolicy Policy(ApprovalCircumstances circumstances)
    {
        var facts = circumstances.Facts;
        var carried = new List<Classification>();
        if (facts.HasPci)
            carried.Add(Classification.Pci);
        if (facts.HasPhi)
            carried.Add(Classification.Phi);
        if (facts.HasPii)
            carried.Add(Classification.Pii);
        return carried
            .Select(c => circumstances.ClassificationPolicies.GetValueOrDefault(c, ClassificationPolicy.None))
            .FirstOrDefault(p => p != ClassificationPolicy.None, ClassificationPolicy.None);
    }

    private static List<PlannedApproval> Delegate(List<PlannedApproval> rows, ApprovalCircumstances circumstances)
    {
        var result = new List<PlannedApproval>(rows.Count);
        foreach (var row in rows)
        {
            var stand = row.PreApproved ? null : ApprovalDelegations.DelegateFor(row.Approver.Email, circumstances.Delegations, circumstances.Now);
            if (stand is null)
            {
                result.Add(row);
                continue;
            }

            // The delegate already decides in this bucket in their own right: one decision, one row.
            if (rows.Concat(result).Any(r => r.Approver.Key == stand.Key && string.Equals(r.Bucket, row.Bucket, StringComparison.Ordinal)))
                continue;
            result.Add(row with { Approver = stand, OnBehalfOf = row.Approver });
        }

        return result;
    }
}
