using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Approvals;

/// <summary>
/// Checks an asset type's approval configuration when it is saved, so routing never meets an owner without an
/// email, a rule without a name or a condition it cannot evaluate. Each error names its field as the API spells it
/// (<c>approvalRules[0].condition.clauses[1].value</c>).
/// </summary>
public static class ApprovalSetups
{
    public const int MaxOwners = 50;
    public const int MaxRules = 50;
    public const int MaxApproversPerRule = 50;
    public const int MaxNameLength = 100;

    public static IReadOnlyList<DomainError> Validate(ApprovalSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var errors = new List<DomainError>();
        if (setup.Quorum is < 0)
            errors.Add(new DomainError("approval.quorum", "The number of approvals needed cannot be negative (0 or empty means everyone asked).", "approvalQuorum"));
        if (setup.Owners.Count > MaxOwners)
            errors.Add(new DomainError("approval.too_many_owners", $"At most {MaxOwners} application owners can be named.", "approvalOwners"));
        CheckApprovers(setup.Owners, "approvalOwners", errors);
        if (setup.Rules.Count > MaxRules)
            errors.Add(new DomainError("approval_rule.too_many", $"At most {MaxRules} approval rules can be defined.", "approvalRules"));

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < setup.Rules.Count; i++)
        {
            var rule = setup.Rules[i];
            var at = $"approvalRules[{i}]";
            var name = rule.Name?.Trim() ?? "";
            if (name.Length == 0)
                errors.Add(new DomainError("approval_rule.name_required", "Give the rule a name; approvers see it.", at + ".name"));
            else if (name.Length > MaxNameLength)
                errors.Add(new DomainError("approval_rule.name_too_long", $"A rule name may be at most {MaxNameLength} characters.", at + ".name"));
            else if (!names.Add(name))
                errors.Add(new DomainError("approval_rule.name_taken", $"Another rule is already called '{name}'.", at + ".name"));
            errors.AddRange(ApprovalConditions.Validate(rule.Condition, at + ".condition"));
            if (rule.Approvers.Count == 0)
                errors.Add(new DomainError("approval_rule.approvers_required", "Name at least one approver for the rule.", at + ".approvers"));
            else if (rule.Approvers.Count > MaxApproversPerRule)
                errors.Add(new DomainError("approval_rule.too_many_approvers", $"A rule may name at most {MaxApproversPerRule} approvers.", at + ".approvers"));
            CheckApprovers(rule.Approvers, at + ".approvers", errors);
            if (rule.Quorum is < 0)
                errors.Add(new DomainError("approval_rule.quorum", "The rule's number of approvals cannot be negative.", at + ".quorum"));
        }

        return errors;
    }

    private static void CheckApprovers(IReadOnlyList<Approver> approvers, string path, List<DomainError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < approvers.Count; i++)
        {
            var email = OrderPeople.CheckEmail(approvers[i].Email, $"{path}[{i}].email");
            if (!email.Succeeded)
                errors.AddRange(email.Errors);
            else if (!seen.Add(approvers[i].Key))
                errors.Add(new DomainError("approval.duplicate_approver", $"{approvers[i].Email} is named twice.", $"{path}[{i}].email"));
            if ((approvers[i].Name?.Length ?? 0) > 200)
                errors.Add(new DomainError("approval.name_too_long", "A name may be at most 200 characters.", $"{path}[{i}].name"));
        }
    }
}
