using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Approvals;

/// <summary>Until notifications are wired in, an approval request is only logged (without its link: it is a credential).</summary>
public sealed partial class LoggingApprovalNotifier(ILogger<LoggingApprovalNotifier> logger) : IApprovalNotifier
{
    public Task ApprovalRequestedAsync(IpSolisDbContext db, OrderApproval approval, string linkPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        LogRequested(logger, approval.OrderId, approval.Id, approval.ApproverEmail);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Approval {ApprovalId} of order {OrderId} requested from {Approver}")]
    private static partial void LogRequested(ILogger logger, long orderId, long approvalId, string approver);
}
