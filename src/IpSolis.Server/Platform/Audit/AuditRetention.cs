using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// Removes the oldest audit rows and re-anchors the chain on the last removed row, so what remains still verifies.
/// Only a prefix of the chain can go (a hole in the middle would be indistinguishable from tampering), so the cut
/// is placed before the first row that is still young enough to keep. The removal is itself audited.
/// On PostgreSQL it runs through the database's retention function, the one path the guard trigger lets through.
/// </summary>
public sealed class AuditRetention(IDbContextFactory<IpSolisDbContext> contexts, IAuditTrail audit)
{
    /// <summary>Removes every row recorded before <paramref name="olderThan"/>; returns how many went.</summary>
    public async Task<long> PruneAsync(DateTimeOffset olderThan, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var postgres = !db.Database.IsSqlite();
        if (postgres)
        {
            // Appends wait behind this lock until the cut is made.
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT 1 FROM {AuditChainHeadConfiguration.Table} WHERE id = {AuditChainHead.SingletonId} FOR UPDATE", cancellationToken);
        }

        var head = await db.Set<AuditChainHead>().AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        var firstKept = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.OccurredAt >= olderThan)
            .OrderBy(e => e.Sequence)
            .Select(e => (long?)e.Sequence)
            .FirstOrDefaultAsync(cancellationToken);
        var through = firstKept is { } kept ? kept - 1 : head.LastSequence;
        if (through <= head.AnchorSequence)
            return 0;

        long removed;
        if (postgres)
        {
            removed = await db.Database
                .SqlQueryRaw<long>($"SELECT {AuditLogGuardSql.RetainFunction}({{0}}) AS \"Value\"", through)
                .SingleAsync(cancellationToken);
        }
        else
        {
            var anchorHash = await db.Set<AuditEntry>().Where(e => e.Sequence == through).Select(e => e.Hash).SingleAsync(cancellationToken);
            removed = await db.Set<AuditEntry>().Where(e => e.Sequence <= through).ExecuteDeleteAsync(cancellationToken);
            await db.Set<AuditChainHead>().Where(h => h.Id == AuditChainHead.SingletonId)
                .ExecuteUpdateAsync(h => h.SetProperty(x => x.AnchorSequence, through).SetProperty(x => x.AnchorHash, anchorHash), cancellationToken);
        }

        audit.Record(db, actor, new AuditEvent("audit_log.pruned", "audit_log", NewValues: new
        {
            olderThan,
            throughSequence = through,
            removed,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }
}
