using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// Walks the audit chain from its anchor to its head in sequence order, a batch at a time (memory stays flat for
/// millions of rows), and reports the first row that is missing, out of place or altered.
/// </summary>
public sealed class AuditChainVerifier(IDbContextFactory<IpSolisDbContext> contexts)
{
    public const int DefaultBatchSize = 5000;

    /// <param name="progress">Told (rows checked, rows expected) after every batch.</param>
    public async Task<AuditVerification> VerifyAsync(Action<long, long>? progress, CancellationToken cancellationToken, int batchSize = DefaultBatchSize)
    {
        AuditChainHead head;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            head = await db.Set<AuditChainHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken)
                ?? throw new InvalidOperationException("The audit chain head row is missing: the audit log was tampered with, or the database is not migrated.");

            // A row at or below the anchor is one retention recorded as removed: it was put back or renumbered.
            if (await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence <= head.AnchorSequence).OrderBy(e => e.Sequence)
                    .FirstOrDefaultAsync(cancellationToken) is { } stray)
            {
                return new(0, new(AuditBreakKind.Reordered, stray.Sequence, stray.Id,
                    $"reordered: the row lies before the chain's start (sequence {head.AnchorSequence + 1})"));
            }
        }

        var expected = head.LastSequence - head.AnchorSequence;
        var nextSequence = head.AnchorSequence + 1;
        var previousHash = head.AnchorHash;
        long checkedRows = 0;
        var after = head.AnchorSequence;

        while (true)
        {
            List<AuditEntry> batch;
            // A fresh context per batch: nothing accumulates across a long walk.
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                batch = await db.Set<AuditEntry>().AsNoTracking()
                    .Where(e => e.Sequence > after)
                    .OrderBy(e => e.Sequence)
                    .Take(batchSize)
                    .ToListAsync(cancellationToken);
            }

            foreach (var row in batch)
            {
                if (row.Sequence != nextSequence)
                {
                    var missing = row.Sequence - nextSequence;
                    return new(checkedRows, new(AuditBreakKind.Gap, row.Sequence, row.Id,
                        $"gap: {missing} row(s) missing before it (expected sequence {nextSequence}); rows were deleted"));
                }

                if (!string.Equals(row.PreviousHash, previousHash, StringComparison.Ordinal))
                {
                    return new(checkedRows, new(AuditBreakKind.Reordered, row.Sequence, row.Id,
                        "reordered: it does not link to the row before it (its previous-hash differs); rows were reordered, inserted or replaced"));
                }

                if (!string.Equals(AuditRowHash.Compute(row, row.PreviousHash), row.Hash, StringComparison.Ordinal))
                {
                    return new(checkedRows, new(AuditBreakKind.HashMismatch, row.Sequence, row.Id,
                        "hash mismatch: its content no longer matches its hash; the row was edited"));
                }

                previousHash = row.Hash;
                nextSequence++;
                checkedRows++;
            }

            if (batch.Count > 0)
            {
                after = batch[^1].Sequence;
                progress?.Invoke(checkedRows, expected);
            }

            if (batch.Count < batchSize)
                break;
        }

        var lastSequence = nextSequence - 1;
        if (lastSequence < head.LastSequence)
        {
            return new(checkedRows, new(AuditBreakKind.HeadMismatch, lastSequence, null,
                $"head mismatch: the chain head records {head.LastSequence - lastSequence} more row(s), up to sequence {head.LastSequence}; the log was truncated"));
        }

        if (lastSequence > head.LastSequence || !string.Equals(previousHash, head.LastHash, StringComparison.Ordinal))
        {
            return new(checkedRows, new(AuditBreakKind.HeadMismatch, lastSequence, null,
                $"head mismatch: the chain head records sequence {head.LastSequence} with a different hash; rows were written around the chain or the head was altered"));
        }

        return new(checkedRows, null);
    }
}
