namespace IpSolis.Domain.Approvals;

/// <summary>
/// Delegation rules. An approval meant for someone away goes to their delegate: one hop only, never on to the
/// delegate's own delegate, so a decision can always be traced to the person the absent approver chose.
/// </summary>
public static class ApprovalDelegations
{
    /// <summary>The longest window one delegation may cover.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    /// <summary>Who decides now for <paramref name="approverEmail"/>: the delegate of their active window (the one
    /// that started last, if windows were ever allowed to overlap), or null when they decide themselves.</summary>
    public static Approver? DelegateFor(string approverEmail, IEnumerable<ApprovalDelegation> delegations, DateTimeOffset now) =>
        delegations
            .Where(d => string.Equals(d.ApproverEmail.Trim(), approverEmail.Trim(), StringComparison.OrdinalIgnoreCase) && d.IsActiveAt(now))
            .OrderByDescending(d => d.From).ThenByDescending(d => d.Id)
            .Select(d => d.Delegate)
            .FirstOrDefault();

    /// <summary>
    /// Where a pending row moves when its approver's window starts: to the delegate, unless the row already reached
    /// someone through a delegation (<paramref name="onBehalfOfEmail"/> set) — one hop, never on to the delegate's own
    /// delegate — or the approver is not away now. Null means the row stays where it is.
    /// </summary>
    public static Approver? RerouteTo(string approverEmail, string? onBehalfOfEmail, IEnumerable<ApprovalDelegation> delegations, DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(onBehalfOfEmail))
            return null;
        var stand = DelegateFor(approverEmail, delegations, now);
        return stand is null || Same(stand.Email, approverEmail) ? null : stand;
    }

    /// <summary>
    /// The problems of a new window <paramref name="proposed"/>, given every other unrevoked delegation in
    /// <paramref name="existing"/>: the window must end after it starts and not lie in the past; nobody delegates to
    /// themselves; one person has one window at a time; and the delegate must not be away then too (their approvals
    /// would reach nobody, since delegation does not chain).
    /// </summary>
    public static IReadOnlyList<DomainError> Validate(ApprovalDelegation proposed, IEnumerable<ApprovalDelegation> existing, DateTimeOffset now)
    {
        var errors = new List<DomainError>();
        if (proposed.Until <= proposed.From)
            errors.Add(new DomainError("delegation.window_empty", "The end must be after the start.", "until"));
        else if (proposed.Until - proposed.From > MaxWindow)
            errors.Add(new DomainError("delegation.window_too_long", "A delegation may cover at most a year; add another one later if needed.", "until"));
        if (proposed.Until <= now)
            errors.Add(new DomainError("delegation.in_the_past", "The end is in the past: a delegation must still be running or to come.", "until"));
        var approver = proposed.ApproverEmail.Trim();
        if (string.Equals(approver, proposed.Delegate.Email.Trim(), StringComparison.OrdinalIgnoreCase))
            errors.Add(new DomainError("delegation.to_self", "Choose someone else as the delegate: approvals cannot be delegated to yourself.", "delegateEmail"));
        if (errors.Count > 0)
            return errors;

        var others = existing.Where(d => d.Id != proposed.Id && d.RevokedAt is null && d.Until > now).ToList();
        if (others.FirstOrDefault(d => Same(d.ApproverEmail, approver) && d.Overlaps(proposed)) is { } clash)
        {
            errors.Add(new DomainError("delegation.overlaps",
                $"{approver} already delegates to {clash.Delegate.Email} from {clash.From:yyyy-MM-dd HH:mm} to {clash.Until:yyyy-MM-dd HH:mm} (UTC); change or revoke that one first.", "from"));
        }

        if (others.FirstOrDefault(d => Same(d.ApproverEmail, proposed.Delegate.Email) && d.Overlaps(proposed)) is { } away)
        {
            errors.Add(new DomainError("delegation.delegate_away",
                $"{proposed.Delegate.Email} is away during that time too (delegating to {away.Delegate.Email}); delegations do not pass on, so choose someone who is there.", "delegateEmail"));
        }

        if (others.FirstOrDefault(d => Same(d.Delegate.Email, approver) && d.Overlaps(proposed)) is { } covering)
        {
            errors.Add(new DomainError("delegation.covering",
                $"{approver} stands in for {covering.ApproverEmail} during that time; those approvals would reach nobody. Change that delegation first.", "from"));
        }

        return errors;
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
