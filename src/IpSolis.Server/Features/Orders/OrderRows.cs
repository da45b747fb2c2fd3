using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// Loads an order for a change inside the caller's transaction. On PostgreSQL the row is locked
/// (<c>FOR UPDATE</c>), so two changes of one order (a provision run and a force release, two operators) queue
/// instead of overwriting each other; on SQLite the IMMEDIATE transaction already holds the only write lock.
/// </summary>
internal static class OrderRows
{
    public static async Task<Order?> FindForUpdateAsync(IpSolisDbContext db, long orderId, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.Entries<Order>().FirstOrDefault(e => e.Entity.Id == orderId) is { } tracked)
            return tracked.Entity;
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" && db.Database.CurrentTransaction is not null)
        {
            var rows = await db.Set<Order>()
                .FromSqlInterpolated($"SELECT * FROM orders WHERE id = {orderId} FOR UPDATE")
                .AsTracking()
                .ToListAsync(cancellationToken);
            return rows.FirstOrDefault();
        }

        return await db.Set<Order>().AsTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
    }
}
