using System.Net;
using System.Net.Http.Json;
using IpSolis.Domain;
using IpSolis.Domain.Access;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Pool;

/// <summary><c>/api/v1/pool</c> through the real host: single assets, manual statuses, force release, delete, scope and roles.</summary>
public sealed class PoolApiTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Create_ThenGet_ShowsTheAsset_AndAuditsIt()
    {
        var type = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);

        var created = await api.PostAsJsonAsync("/api/v1/pool", new
        {
            name = " VDI-001 ", assetTypeId = type.Id, notes = "rack 4", metadata = new Dictionary<string, string> { ["mac_address"] = "00:11:22:33:44:55" },
        });

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await AccessFixtures.JsonAsync(created);
        var id = body.GetProperty("id").GetInt64();
        created.Headers.Location!.OriginalString.Should().Be($"/api/v1/pool/{id}");
        body.GetProperty("name").GetString().Should().Be("VDI-001");
        body.GetProperty("status").GetString().Should().Be("free");
        body.GetProperty("assetTypeName").GetString().Should().Be("VDI");
        body.GetProperty("metadata").GetProperty("mac_address").GetString().Should().Be("00:11:22:33:44:55");

        var read = await AccessFixtures.JsonAsync(await api.GetAsync($"/api/v1/pool/{id}"));
        read.GetProperty("notes").GetString().Should().Be("rack 4");
        read.GetProperty("holdingOrderId").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        (await AccessFixtures.AuditAsync(_factory)).Should().ContainSingle(e => e.Action == "pool_asset.created" && e.EntityId == id.ToString())
            .Which.Actor.Should().Be("token:test token");
    }

    [Fact]
    public async Task Create_RefusesBadInput_NamingTheField_AndChangesNothing()
    {
        var type = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var seats = await PoolFixtures.AddTypeAsync(_factory, "Office seats", AssignmentModel.CapacityPooled);
        await PoolFixtures.AddAssetAsync(_factory, "VDI-001", type.Id);
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);

        async Task Expect(object body, HttpStatusCode status, string code, string? field = null)
        {
            var response = await api.PostAsJsonAsync("/api/v1/pool", body);
            response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
            var problem = await AccessFixtures.JsonAsync(response);
            problem.GetProperty("code").GetString().Should().Be(code);
            if (field is not null && status == HttpStatusCode.BadRequest)
                problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the error names {field}");
        }

        await Expect(new { name = "VDI-001", assetTypeId = type.Id }, HttpStatusCode.Conflict, "pool_asset.name_taken");
        await Expect(new { name = "VDI-002", assetTypeId = 999_999 }, HttpStatusCode.NotFound, "asset_type.not_found");
        await Expect(new { name = "SEAT-1", assetTypeId = seats.Id }, HttpStatusCode.BadRequest, "pool_asset.asset_type", "assetTypeId");
        await Expect(new { name = "", assetTypeId = type.Id }, HttpStatusCode.BadRequest, "pool_asset.name", "name");
        await Expect(new { name = "VDI-003", assetTypeId = type.Id, metadata = new Dictionary<string, string> { ["bad key"] = "x" } },
            HttpStatusCode.BadRequest, "pool_asset.metadata_key", "metadata");
        await Expect(new { name = "VDI-004", assetTypeId = type.Id, status = "busy" }, HttpStatusCode.BadRequest, "pool_asset.status", "status");
        await Expect(new { name = "VDI-005", assetTypeId = "seven" }, HttpStatusCode.BadRequest, "pool_asset.body", "assetTypeId");

        (await PoolFixtures.NamesAsync(_factory)).Should().Equal("VDI-001");
        (await AccessFixtures.AuditAsync(_factory)).Should().NotContain(e => e.Action.StartsWith("pool_asset."));
    }

    [Fact]
    public async Task ManualStatus_EveryAllowedMoveSucceeds_AndEveryOtherIsRefused()
    {
        var type = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);
        var statuses = Enum.GetValues<PoolAssetStatus>();
        var allowed = 0;
        foreach (var from in statuses)
        {
            foreach (var to in statuses.Where(s => s != from))
            {
                var asset = await PoolFixtures.AddAssetAsync(_factory, $"{from}-{to}", type.Id, from);
                var response = await api.PatchAsJsonAsync($"/api/v1/pool/{asset.Id}", new { status = WireName<PoolAssetStatus>.Of(to) });
                var stored = (await PoolFixtures.AssetAsync(_factory, asset.Id))!;
                if (PoolAssetTransitions.IsAllowed(from, to, PoolAssetChange.Operator))
                {
                    allowed++;
                    response.StatusCode.Should().Be(HttpStatusCode.OK, $"{from} → {to} is an operator move");
                    (await AccessFixtures.JsonAsync(response)).GetProperty("status").GetString().Should().Be(WireName<PoolAssetStatus>.Of(to));
                    stored.Status.Should().Be(to);
                }
                else
                {
                    response.StatusCode.Should().Be(HttpStatusCode.Conflict, $"{from} → {to} is not an operator move");
                    var problem = await AccessFixtures.JsonAsync(response);
                    problem.GetProperty("code").GetString().Should().Be("pool_asset.transition_not_allowed");
                    if (PoolAssetTransitions.IsHeld(from))
                        problem.GetProperty("title").GetString().Should().Contain("Force release");
                    stored.Status.Should().Be(from, "a refused move changes nothing");
                }
            }
        }

        allowed.Should().Be(10);
        (await AccessFixtures.AuditAsync(_factory)).Count(e => e.Action == "pool_asset.status_changed").Should().Be(allowed);
    }

    [Fact]
    public async Task Patch_ChangesNotesMetadataAndType_AllOrNothing()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var lab = await PoolFixtures.AddTypeAsync(_factory, "Lab VM");
        var asset = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", vdi.Id);
        var busy = await PoolFixtures.AddAssetAsync(_factory, "VDI-002", vdi.Id, PoolAssetStatus.Maintenance);
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);

        var changed = await api.PatchAsJsonAsync($"/api/v1/pool/{asset.Id}", new
        {
            notes = "moved to lab", metadata = new Dictionary<string, string> { ["site"] = "Berlin" }, assetTypeId = lab.Id,
        });
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var body = await AccessFixtures.JsonAsync(changed);
        body.GetProperty("assetTypeName").GetString().Should().Be("Lab VM");
        body.GetProperty("metadata").GetProperty("site").GetString().Should().Be("Berlin");

        // Moving a non-free asset is refused, and the notes sent with it are not saved either.
        var refused = await api.PatchAsJsonAsync($"/api/v1/pool/{busy.Id}", new { notes = "should not stick", assetTypeId = lab.Id });
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await AccessFixtures.JsonAsync(refused)).GetProperty("code").GetString().Should().Be("pool_asset.conflict");
        var unchanged = (await PoolFixtures.AssetAsync(_factory, busy.Id))!;
        unchanged.Notes.Should().BeEmpty();
        unchanged.AssetTypeId.Should().Be(vdi.Id);

        var badMetadata = await api.PatchAsJsonAsync($"/api/v1/pool/{asset.Id}",
            new { metadata = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v") });
        badMetadata.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AccessFixtures.JsonAsync(badMetadata)).GetProperty("errors").GetProperty("metadata")[0].GetString().Should().Contain("at most 50");

        var audit = await AccessFixtures.AuditAsync(_factory);
        audit.Should().ContainSingle(e => e.Action == "pool_asset.updated" && e.EntityId == asset.Id.ToString());
        audit.Should().NotContain(e => e.EntityId == busy.Id.ToString());
    }

    [Fact]
    public async Task ForceRelease_FreesABusyAsset_EndsItsOrder_AndAuditsBoth()
    {
        var type = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var asset = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", type.Id, PoolAssetStatus.Busy);
        var order = await PoolFixtures.AddOrderAsync(_factory, type.Id, OrderStatus.Provisioned, asset.Id);
        await PoolFixtures.HoldAsync(_factory, asset.Id, order.Id);
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);

        var noReason = await api.PostAsJsonAsync($"/api/v1/pool/{asset.Id}/force-release", new { reason = " " });
        noReason.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AccessFixtures.JsonAsync(noReason)).GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue();
        (await PoolFixtures.OrderAsync(_factory, order.Id)).Status.Should().Be(OrderStatus.Provisioned);

        var released = await api.PostAsJsonAsync($"/api/v1/pool/{asset.Id}/force-release", new { reason = "Hardware swap" });

        released.StatusCode.Should().Be(HttpStatusCode.OK, await released.Content.ReadAsStringAsync());
        var body = await AccessFixtures.JsonAsync(released);
        body.GetProperty("status").GetString().Should().Be("free");
        body.GetProperty("holdingOrderId").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        var stored = (await PoolFixtures.AssetAsync(_factory, asset.Id))!;
        stored.Status.Should().Be(PoolAssetStatus.Free);
        stored.CurrentOrderId.Should().BeNull();
        stored.LastReleasedAt.Should().NotBeNull();
        var ended = await PoolFixtures.OrderAsync(_factory, order.Id);
        ended.Status.Should().Be(OrderStatus.Revoked);
        ended.CompletedAt.Should().NotBeNull();

        var audit = await AccessFixtures.AuditAsync(_factory);
        var row = audit.Should().ContainSingle(e => e.Action == "pool_asset.force_released").Subject;
        row.NewValues.Should().Contain("Hardware swap");
        audit.Should().ContainSingle(e => e.Action == "order.ended_by_force_release" && e.EntityId == order.Id.ToString());

        var again = await api.PostAsJsonAsync($"/api/v1/pool/{asset.Id}/force-release", new { reason = "twice" });
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "a free asset has nothing to release");
    }

    [Fact]
    public async Task ForceRelease_OfAReservedAsset_CancelsTheScheduledOrderHoldingIt()
    {
        var type = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var asset = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", type.Id, PoolAssetStatus.Reserved);
        var order = await PoolFixtures.AddOrderAsync(_factory, type.Id, OrderStatus.Scheduled, asset.Id);
        await PoolFixtures.HoldAsync(_factory, asset.Id, order.Id);
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);

        var held = await AccessFixtures.JsonAsync(await api.GetAsync($"/api/v1/pool/{asset.Id}"));
        held.GetProperty("holdingOrderId").GetInt64().Should().Be(order.Id);

        var released = await api.PostAsJsonAsync($"/api/v1/pool/{asset.Id}/force-release", new { reason = "Reserved by mistake" });

        released.StatusCode.Should().Be(HttpStatusCode.OK, await released.Content.ReadAsStringAsync());
        (await PoolFixtures.AssetAsync(_factory, asset.Id))!.Status.Should().Be(PoolAssetStatus.Free);
        (await PoolFixtures.OrderAsync(_factory, order.Id)).Status.Should().Be(OrderStatus.Cancelled);
    }

    [Fact]
    public async Task Delete_OnlyFreeOrMaintenanceAssetsWithoutOrderHistory()
    {
        var type = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var fresh = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", type.Id, PoolAssetStatus.Maintenance);
        var used = await PoolFixtures.AddAssetAsync(_factory, "VDI-002", type.Id);
        await PoolFixtures.AddOrderAsync(_factory, type.Id, OrderStatus.Revoked, used.Id);
        var busy = await PoolFixtures.AddAssetAsync(_factory, "VDI-003", type.Id, PoolAssetStatus.Busy);
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);

        var referenced = await api.DeleteAsync($"/api/v1/pool/{used.Id}");
        referenced.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await AccessFixtures.JsonAsync(referenced);
        problem.GetProperty("code").GetString().Should().Be("pool_asset.in_use");
        problem.GetProperty("title").GetString().Should().Contain("maintenance");

        (await api.DeleteAsync($"/api/v1/pool/{busy.Id}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await api.DeleteAsync($"/api/v1/pool/{fresh.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.DeleteAsync($"/api/v1/pool/{fresh.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await PoolFixtures.NamesAsync(_factory)).Should().Equal("VDI-002", "VDI-003");
        (await AccessFixtures.AuditAsync(_factory)).Should().ContainSingle(e => e.Action == "pool_asset.deleted")
            .Which.OldValues.Should().Contain("VDI-001");
    }

    [Fact]
    public async Task List_FiltersByTypeStatusAndName_AndPagesByCursor()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var lab = await PoolFixtures.AddTypeAsync(_factory, "Lab VM");
        for (var i = 1; i <= 5; i++)
            await PoolFixtures.AddAssetAsync(_factory, $"VDI-{i:000}", vdi.Id, i == 5 ? PoolAssetStatus.Maintenance : PoolAssetStatus.Free);
        await PoolFixtures.AddAssetAsync(_factory, "LAB-001", lab.Id);
        using var api = await PoolFixtures.ApiAsync(_factory, "desk", AdminRole.Helpdesk, ["assets:read"]);

        var first = await AccessFixtures.JsonAsync(await api.GetAsync($"/api/v1/pool?type={vdi.Id}&limit=2"));
        first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Should().Equal("VDI-001", "VDI-002");
        var cursor = first.GetProperty("nextCursor").GetString();
        var names = new List<string?>();
        while (cursor is not null)
        {
            var page = await AccessFixtures.JsonAsync(await api.GetAsync($"/api/v1/pool?type={vdi.Id}&limit=2&cursor={cursor}"));
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
            cursor = page.GetProperty("nextCursor").GetString();
        }

        names.Should().Equal("VDI-003", "VDI-004", "VDI-005");
        var maintenance = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/pool?status=maintenance"));
        maintenance.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Should().Equal("VDI-005");
        var search = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/pool?q=lab"));
        search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Should().Equal("LAB-001");

        (await api.GetAsync("/api/v1/pool?status=broken")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.GetAsync("/api/v1/pool?limit=201")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.GetAsync("/api/v1/pool?type=999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var counts = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/pool/counts"));
        var vdiCounts = counts.EnumerateArray().Single(c => c.GetProperty("assetTypeId").GetInt64() == vdi.Id);
        vdiCounts.GetProperty("free").GetInt32().Should().Be(4);
        vdiCounts.GetProperty("maintenance").GetInt32().Should().Be(1);
        vdiCounts.GetProperty("total").GetInt32().Should().Be(5);
    }

    [Fact]
    public async Task Scope_AssetsAndTypesOutsideAGrantedAdminsTypes_AnswerNotFound()
    {
        var mine = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var theirs = await PoolFixtures.AddTypeAsync(_factory, "Finance VDI");
        var visible = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", mine.Id);
        var hidden = await PoolFixtures.AddAssetAsync(_factory, "FIN-001", theirs.Id, PoolAssetStatus.Maintenance);
        using var api = await PoolFixtures.ApiAsync(_factory, "limited.admin", AdminRole.Admin);
        await PoolFixtures.GrantAsync(_factory, "limited.admin", mine.Id);

        (await api.GetAsync($"/api/v1/pool/{visible.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/pool/{hidden.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/v1/pool?type={theirs.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PatchAsJsonAsync($"/api/v1/pool/{hidden.Id}", new { notes = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PostAsJsonAsync($"/api/v1/pool/{hidden.Id}/force-release", new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.DeleteAsync($"/api/v1/pool/{hidden.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PatchAsJsonAsync($"/api/v1/pool/{visible.Id}", new { assetTypeId = theirs.Id })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PostAsJsonAsync("/api/v1/pool", new { name = "FIN-002", assetTypeId = theirs.Id })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.PostAsJsonAsync("/api/v1/pool/bulk", new { prefix = "FIN-", count = 2, assetTypeId = theirs.Id })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var list = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/pool"));
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Should().Equal("VDI-001");
        var counts = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/pool/counts"));
        counts.EnumerateArray().Select(c => c.GetProperty("assetTypeId").GetInt64()).Should().Equal(mine.Id);
        (await PoolFixtures.AssetAsync(_factory, hidden.Id))!.Notes.Should().BeEmpty();
    }

    [Fact]
    public async Task Reads_NeedHelpdeskAndAssetsRead_WritesNeedAdminAndAssetsWrite()
    {
        var type = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var asset = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", type.Id);
        using var helpdesk = await PoolFixtures.ApiAsync(_factory, "desk", AdminRole.Helpdesk, ["assets:read", "assets:write"]);
        using var readOnly = await PoolFixtures.ApiAsync(_factory, "reader.admin", AdminRole.Admin, ["assets:read"]);
        using var otherScope = await PoolFixtures.ApiAsync(_factory, "orders.admin", AdminRole.Admin, ["orders:read"]);

        (await helpdesk.GetAsync($"/api/v1/pool/{asset.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await helpdesk.PatchAsJsonAsync($"/api/v1/pool/{asset.Id}", new { notes = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await readOnly.PatchAsJsonAsync($"/api/v1/pool/{asset.Id}", new { notes = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await otherScope.GetAsync("/api/v1/pool")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AccessFixtures.ApiClient(_factory).GetAsync("/api/v1/pool")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Statistics_CountsEveryStatusPerType_InOneQuery()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var lab = await PoolFixtures.AddTypeAsync(_factory, "Lab VM");
        foreach (var status in Enum.GetValues<PoolAssetStatus>())
            await PoolFixtures.AddAssetAsync(_factory, $"VDI-{status}", vdi.Id, status);
        await PoolFixtures.AddAssetAsync(_factory, "VDI-free-2", vdi.Id);
        await PoolFixtures.AddAssetAsync(_factory, "LAB-1", lab.Id, PoolAssetStatus.Failed);
        var statistics = _factory.Services.GetRequiredService<PoolStatistics>();

        var all = await statistics.CountsByTypeAsync(AssetTypeScope.Everything, CancellationToken.None);
        var onlyLab = await statistics.CountsByTypeAsync(new AssetTypeScope(new HashSet<long> { lab.Id }), CancellationToken.None);

        all[vdi.Id].Should().Be(new PoolAssetCounts(Free: 2, Reserved: 1, Busy: 1, Maintenance: 1, Reinstall: 1, Reinstalling: 1, Failed: 1));
        all[vdi.Id].Total.Should().Be(8);
        all[lab.Id].Should().Be(PoolAssetCounts.None with { Failed = 1 });
        onlyLab.Keys.Should().Equal(lab.Id);
    }
}
