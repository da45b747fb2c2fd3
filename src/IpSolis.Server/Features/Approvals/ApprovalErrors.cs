using IpSolis.Domain;

namespace IpSolis.Server.Features.Approvals;

/// <summary>Errors of deciding approvals, with the codes the API, the pages and the link page know.</summary>
public static class ApprovalErrors
{
    /// <summary>Also what an approver gets for someone else's row: it is not theirs to see.</summary>
    public static DomainError NotFound(long id) =>
        new("approval.not_found", $"There is no approval {id} for you to decide.");

    public static DomainError OrderNotWaiting(string status) =>
        new(AlreadyDecidedCode, $"The order is no longer waiting for approval (it is {status}); nothing was changed.");

    public static DomainError CommentTooLong() =>
        new("approval.comment_too_long", $"A comment may be at most {MaxCommentLength} characters.", "comment");

    public const int MaxCommentLength = 2000;

    /// <summary>The row or its order was already decided: answered 409 (410 on a one-click link).</summary>
    public const string AlreadyDecidedCode = "approval.already_decided";
}
