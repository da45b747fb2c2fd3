using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Audit;

/// <summary>Writes audit rows through the application's own trail, as features do.</summary>
internal static class AuditWriter
{
    public static async Task WriteAsync(IServiceProvider services, int rows, string action = "test.event")
    {
        var contexts = services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        var audit = services.GetRequiredService<IAuditTrail>();
        for (var i = 0; i < rows; i++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            audit.Record(db, AuditActor.System("tests"), new AuditEvent(action, "thing", $"thing-{i}",
                OldValues: new { n = i }, NewValues: new { n = i + 1, note = "café ✓" }));
            await db.SaveChangesAsync();
        }
    }

    public static async Task<List<AuditEntry>> ReadAllAsync(IServiceProvider services)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    public static async Task<AuditChainHead> HeadAsync(IServiceProvider services)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Set<AuditChainHead>().AsNoTracking().SingleAsync();
    }
}
