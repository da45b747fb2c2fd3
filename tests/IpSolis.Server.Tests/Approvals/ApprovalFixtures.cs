using System.Net;
using IpSolis.Domain.Approvals;
using IpSolis.Server.Features.Approvals;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Orders;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>What approval tests share: types with owners to approve, placing an order that waits, and its rows.</summary>
internal static class ApprovalFixtures
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static Approver[] Owners(int count, string prefix = "owner") =>
        Enumerable.Range(1, count).Select(i => new Approver($"{prefix}{i}@example.com", $"Owner {i}")).ToArray();

    public static Task<AssetType> AddOwnedTypeAsync(OrderHost host, string name, Approver[] owners, int? quorum = null) =>
        host.AddTypeAsync(name, t => t.Approval = new ApprovalSetup { RequiresOwners = true, Owners = owners, Quorum = quorum });

    /// <summary>Places an order through the API and checks it waits for approval.</summary>
    public static async Task<long> PlacePendingAsync(OrderHost host, long typeId, string requester = "ann@example.com")
    {
        var response = await host.PlaceAsync(OrderHost.Body(typeId, requester, Now, Now.AddDays(3)));
        var json = await OrderHost.JsonAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.Created, json.ToString());
        json.GetProperty("status").GetString().Should().Be("pending_approval");
        return json.GetProperty("id").GetInt64();
    }

    public static Task<List<OrderApproval>> RowsAsync(OrderHost host, long orderId) =>
        host.QueryAsync(db => db.Set<OrderApproval>().Where(a => a.OrderId == orderId).OrderBy(a => a.Id));

    public static AuditActor PortalActor(string email) => AuditActor.PortalUser(email, null);

    /// <summary>Records <paramref name="configurer"/> as having changed the type, as the catalog's audit rows do.</summary>
    public static async Task RecordConfigurerAsync(OrderHost host, long typeId, AuditActor configurer)
    {
        var audit = host.Services.GetRequiredService<IAuditTrail>();
        await using var db = await AccessFixtures.Contexts(host.Factory).CreateDbContextAsync();
        audit.Record(db, configurer, new AuditEvent("asset_type.updated", AssetTypes.EntityType, typeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            null, new { approvalQuorum = 1 }, "internal"));
        await db.SaveChangesAsync();
    }
}
