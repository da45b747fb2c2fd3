using IpSolis.Domain.AccessTargets;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.AccessTargets;

/// <summary>Reads of the access ledger for the order page and the API, limited to the asset types the reader may see.</summary>
public sealed class AccessLedgerQueries(IDbContextFactory<IpSolisDbContext> contexts)
{
    /// <summary>Most rows one answer returns.</summary>
    public const int MaxRows = 500;

    /// <summary>The rows an order holds or its run wrote (a change or end writes rows for the order it acts on), oldest first.</summary>
    public async Task<IReadOnlyList<AccessLedgerRow>> ForOrderAsync(long orderId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AccessLedgerRow>().AsNoTracking()
            .Where(r => r.OrderId == orderId || r.RunOrderId == orderId)
            .OrderBy(r => r.Id).Take(MaxRows).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The rows about a person and/or a group (matched without case), newest first, of orders whose type
    /// <paramref name="scope"/> allows; and what is held now, by whom and through which order.
    /// </summary>
    public async Task<(IReadOnlyList<AccessLedgerRow> Rows, IReadOnlyList<(AccessGrant Grant, long OrderId)> Held)> SearchAsync(
        AssetTypeScope scope, string? principal, string? group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var who = principal?.Trim().ToLowerInvariant();
        var which = group?.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Set<AccessLedgerRow>().AsNoTracking();
        if (!string.IsNullOrEmpty(who))
            rows = rows.Where(r => r.Principal == who);
        if (!string.IsNullOrEmpty(which))
            rows = rows.Where(r => r.GroupKey == which);
        if (!scope.IsEverything)
        {
            var granted = scope.Granted!.ToList();
            rows = rows.Where(r => db.Set<Order>().Any(o => o.Id == r.OrderId && granted.Contains(o.AssetTypeId)));
        }

        var all = await rows.OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var entries = all.Select(r => r.ToEntry()).ToList();
        var held = entries.Select(e => e.Grant).Distinct()
            .SelectMany(g => AccessLedger.Holders(entries, g).Order().Select(o => (g, o)))
            .ToList();
        return (all.AsEnumerable().Reverse().Take(MaxRows).ToList(), held);
    }
}
