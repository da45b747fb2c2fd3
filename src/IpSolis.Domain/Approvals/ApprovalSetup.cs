namespace IpSolis.Domain.Approvals;

/// <summary>
/// An asset type's approval configuration: whether the manager and the application owners approve, the quorum of
/// the general bucket (<see cref="Quorum"/>: null or 0 means everyone in it), and the conditional rules in order.
/// </summary>
public sealed record ApprovalSetup
{
    public bool RequiresManager { get; init; }

    public bool RequiresOwners { get; init; }

    public IReadOnlyList<Approver> Owners { get; init; } = [];

    public int? Quorum { get; init; }

    public IReadOnlyList<ApprovalRule> Rules { get; init; } = [];
}
