using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// Out-of-office delegations, set up by administrators for anyone or by approvers for themselves, checked with
/// <see cref="ApprovalDelegations.Validate"/> against the windows that still run (one transaction, so two windows
/// saved at once cannot overlap on SQLite; on PostgreSQL the check may race, which the routing tolerates by taking the
/// latest window). New approvals are routed to the delegate while a window runs; pending rows created before move to
/// the delegate when the window starts (<see cref="DelegationReroute"/>, enqueued at once for a window that already runs).
/// </summary>
public sealed class DelegationWindows(IDbContextFactory<IpSolisDbContext> contexts, IAuditTrail audit, IJobQueue jobs, TimeProvider time)
{
    public async Task<IReadOnlyList<DelegationWindow>> ListAsync(string? approverEmail, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<DelegationWindow>().AsNoTracking();
        if (approverEmail is not null)
        {
            var key = approverEmail.Trim().ToLowerInvariant();
            query = query.Where(d => d.ApproverEmail == key || d.DelegateEmail == key);
        }

        return await query.OrderByDescending(d => d.Id).Take(500).ToListAsync(cancellationToken);
    }

    public async Task<Result<DelegationWindow>> CreateAsync(
        string? approverEmail, string? delegateEmail, string? delegateName, DateTimeOffset from, DateTimeOffset until, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var approver = OrderPeople.CheckEmail(approverEmail, "approverEmail");
        var stand = OrderPeople.CheckEmail(delegateEmail, "delegateEmail");
        if (!approver.Succeeded || !stand.Succeeded)
            return Result<DelegationWindow>.Failure([.. approver.Errors, .. stand.Errors]);

        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var running = await db.Set<DelegationWindow>().AsNoTracking().Where(d => d.RevokedAt == null && d.Until > now).ToListAsync(cancellationToken);
        var name = string.IsNullOrWhiteSpace(delegateName) ? stand.Value : delegateName.Trim();
        var proposed = new ApprovalDelegation(0, approver.Value, new Approver(stand.Value, name), from.ToUniversalTime(), until.ToUniversalTime());
        var errors = ApprovalDelegations.Validate(proposed, running.Select(d => d.ToDelegation()), now);
        if (errors.Count > 0)
            return Result<DelegationWindow>.Failure([.. errors]);

        var window = new DelegationWindow
        {
            ApproverEmail = approver.Value,
            DelegateEmail = stand.Value,
            DelegateName = name.Length > 200 ? name[..200] : name,
            From = proposed.From,
            Until = proposed.Until,
            CreatedAt = now,
            CreatedBy = actor.Id,
        };
        db.Add(window);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, new AuditEvent("approval_delegation.created", "approval_delegation", window.Id.ToString(CultureInfo.InvariantCulture), null,
            new { approverEmail = window.ApproverEmail, delegateEmail = window.DelegateEmail, from = window.From, until = window.Until }, "internal"));
        if (window.From <= now)
            await jobs.EnqueueAsync(db, new JobRequest(DelegationReroute.Kind), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return window;
    }

    /// <summary>Ends a window now. <paramref name="approverEmail"/> limits it to the approver's own windows (self-service).</summary>
    public async Task<Result<DelegationWindow>> RevokeAsync(long id, string? approverEmail, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var window = await db.Set<DelegationWindow>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (window is null || (approverEmail is not null && !string.Equals(window.ApproverEmail, approverEmail.Trim(), StringComparison.OrdinalIgnoreCase)))
            return new DomainError("delegation.not_found", $"There is no delegation {id} for you to revoke.");
        if (window.RevokedAt is not null)
            return window;
        window.RevokedAt = time.GetUtcNow();
        audit.Record(db, actor, new AuditEvent("approval_delegation.revoked", "approval_delegation", window.Id.ToString(CultureInfo.InvariantCulture),
            new { revokedAt = (DateTimeOffset?)null }, new { revokedAt = window.RevokedAt }, "internal"));
        await db.SaveChangesAsync(cancellationToken);
        return window;
    }
}
