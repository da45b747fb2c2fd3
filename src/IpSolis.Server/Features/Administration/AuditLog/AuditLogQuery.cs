using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Administration.AuditLog;

/// <summary>
/// Reads the audit log for people: filtered, newest first, paged by sequence number (keyset: a page costs the same
/// at row ten million as at row ten), and streamed oldest first for exports.
/// </summary>
public sealed class AuditLogQuery(IDbContextFactory<IpSolisDbContext> contexts)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <param name="before">Rows with a smaller sequence (the older page); <paramref name="after"/>: a larger one (the newer page).</param>
    public async Task<AuditLogPage> PageAsync(AuditLogFilter filter, long? before, long? after, int size, CancellationToken cancellationToken)
    {
        size = Math.Clamp(size, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, filter);
        List<AuditEntry> rows;
        if (after is { } newer && before is null)
        {
            rows = await query.Where(e => e.Sequence > newer).OrderBy(e => e.Sequence).Take(size + 1).ToListAsync(cancellationToken);
            var hasNewer = rows.Count > size;
            rows = [.. rows.Take(size).Reverse()];
            return new(rows, rows.Count > 0 ? rows[^1].Sequence : null, hasNewer && rows.Count > 0 ? rows[0].Sequence : null);
        }

        if (before is { } older)
            query = query.Where(e => e.Sequence < older);
        rows = await query.OrderByDescending(e => e.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var hasOlder = rows.Count > size;
        rows = [.. rows.Take(size)];
        return new(rows, hasOlder ? rows[^1].Sequence : null, before is not null && rows.Count > 0 ? rows[0].Sequence : null);
    }

    /// <summary>Every matching row, oldest first, fetched a batch at a time so an export of any size streams.</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditLogFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int batch = 1000;
        long after = long.MinValue;
        while (true)
        {
            List<AuditEntry> rows;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var last = after;
                rows = await Filtered(db, filter).Where(e => e.Sequence > last).OrderBy(e => e.Sequence).Take(batch).ToListAsync(cancellationToken);
            }

            foreach (var row in rows)
                yield return row;
            if (rows.Count < batch)
                yield break;
            after = rows[^1].Sequence;
        }
    }

    private static IQueryable<AuditEntry> Filtered(IpSolisDbContext db, AuditLogFilter filter)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            query = query.Where(e => e.Actor.Contains(actor));
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            var type = filter.EntityType.Trim();
            query = query.Where(e => e.EntityType == type);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            var id = filter.EntityId.Trim();
            query = query.Where(e => e.EntityId == id);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            // "setting." finds every setting action; a full name finds just that one.
            var action = filter.Action.Trim();
            query = query.Where(e => e.Action.StartsWith(action));
        }

        if (filter.From is { } from)
            query = query.Where(e => e.OccurredAt >= from);
        if (filter.To is { } to)
            query = query.Where(e => e.OccurredAt < to);
        return query;
    }
}
