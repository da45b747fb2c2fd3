namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// What placing the sample order would do: whether it waits for approval, who is asked (<see cref="Approvers"/>),
/// why it would be refused (<see cref="Refusals"/>: an approver the type needs cannot be found), and for each
/// conditional rule whether it matched (<see cref="Rules"/>).
/// </summary>
public sealed record ApprovalPreviewResult(
    bool NeedsApproval,
    IReadOnlyList<ApprovalPreviewRow> Approvers,
    IReadOnlyList<string> Refusals,
    IReadOnlyList<string> Rules);
