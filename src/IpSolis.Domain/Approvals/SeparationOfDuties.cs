namespace IpSolis.Domain.Approvals;

/// <summary>
/// Whoever configured an asset type (created, changed or cloned it) must not approve its orders: they could have
/// shaped the rules to suit themselves. The match is on whole identities (email or account name, case-insensitive),
/// never on parts of them. Declining is always allowed, and rows marked exempt (a rule's own exemption, or the
/// recipient's manager placing the order) are not checked.
/// </summary>
public static class SeparationOfDuties
{
    /// <summary>An error when <paramref name="approverIdentities"/> (the approver's email and any account names)
    /// include one of <paramref name="configurers"/>; null when the approval may go ahead.</summary>
    public static DomainError? CheckApproval(IEnumerable<string> approverIdentities, IEnumerable<string> configurers, bool exempt)
    {
        if (exempt)
            return null;
        var known = configurers.Select(c => c.Trim()).Where(c => c.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var match = approverIdentities.Select(i => i.Trim()).FirstOrDefault(i => i.Length > 0 && known.Contains(i));
        return match is null
            ? null
            : new DomainError("approval.separation_of_duties",
                $"You ({match}) configured this asset type, so you cannot approve its orders: separation of duties asks someone else to. You may still decline.");
    }
}
