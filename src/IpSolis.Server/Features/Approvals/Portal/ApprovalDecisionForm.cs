namespace IpSolis.Server.Features.Approvals.Portal;

/// <summary>A decision as the inbox and the link page post it: which row, approve or decline, and a comment.</summary>
public sealed class ApprovalDecisionForm
{
    public long ApprovalId { get; set; }

    /// <summary><c>approve</c> or <c>decline</c> (the button pressed).</summary>
    public string? Decision { get; set; }

    public string? Comment { get; set; }
}
