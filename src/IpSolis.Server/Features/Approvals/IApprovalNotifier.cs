using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// Tells approvers about approvals. Called inside the transaction that creates the row, so an implementation that
/// enqueues mail (the notifications outbox) commits with it or not at all. <paramref name="linkPath"/> is the
/// one-click link's path (<c>/approve/{token}</c>), to be put behind the public base URL; it is a credential and
/// must never be logged.
/// </summary>
public interface IApprovalNotifier
{
    Task ApprovalRequestedAsync(IpSolisDbContext db, OrderApproval approval, string linkPath, CancellationToken cancellationToken);

    /// <summary>Reminds the approver of a pending row (its <see cref="OrderApproval.ReminderCount"/> is this reminder's number),
    /// with a fresh one-click link.</summary>
    Task ApprovalReminderAsync(IpSolisDbContext db, OrderApproval approval, string linkPath, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reminders ran out: tells the escalation contacts who has not decided, with a link to the order (notify-only escalation).</summary>
    Task ApprovalEscalatedAsync(IpSolisDbContext db, OrderApproval approval, IReadOnlyList<Domain.Approvals.Approver> contacts, string orderPath, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reminders ran out and <paramref name="assigned"/> (an escalation contact's new row) now decides for
    /// <paramref name="escalated"/>: asks the contact, with their own one-click link.</summary>
    Task EscalationAssignedAsync(IpSolisDbContext db, OrderApproval assigned, OrderApproval escalated, string linkPath, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The order's approval is complete: tell the requester it is on its way.</summary>
    Task OrderApprovedAsync(IpSolisDbContext db, Orders.Order order, Catalog.AssetType type, OrderApproval decisive, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An approver declined: tell the requester who, and why.</summary>
    Task OrderDeclinedAsync(IpSolisDbContext db, Orders.Order order, Catalog.AssetType type, OrderApproval declined, string? comment, CancellationToken cancellationToken) => Task.CompletedTask;
}
