using System.Xml.Linq;
using IpSolis.Server.Platform.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Keeps the data-protection key ring in the database, so every node of a cluster protects and unprotects with the
/// same keys (an antiforgery token issued by one replica validates on another). The keys' secret parts arrive here
/// already sealed by <see cref="KeyRingSeal"/>. The database is resolved on first use, not when the pipeline is
/// built (that would validate the database settings before <c>config validate</c> can report them).
/// </summary>
internal sealed class DatabaseKeyRing(IServiceProvider services) : IXmlRepository
{
    private IDbContextFactory<IpSolisDbContext> Contexts => services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = Contexts.CreateDbContext();
        return db.Set<DataProtectionKey>().AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = Contexts.CreateDbContext();
        db.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        });
        db.SaveChanges();
    }
}
