using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using IpSolis.Domain.Access;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Pool;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Pool;

/// <summary>Bulk create and CSV import through <c>/api/v1/pool</c>: names, limits, dry run against real run, bad files.</summary>
public sealed class PoolBulkAndImportTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Bulk_CreatesPaddedNames_SkipsExistingOnes_InOneAuditedTransaction()
    {
        var type = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        await PoolFixtures.AddAssetAsync(_factory, "VDI-003", type.Id, PoolAssetStatus.Busy);
        await PoolFixtures.AddAssetAsync(_factory, "VDI-010", type.Id);
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);

        var response = await api.PostAsJsonAsync("/api/v1/pool/bulk", new { prefix = "VDI-", start = 1, count = 20, padding = 3, assetTypeId = type.Id, notes = "batch 1" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await AccessFixtures.JsonAsync(response);
        body.GetProperty("createdCount").GetInt32().Should().Be(18);
        body.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()).Should().Equal("VDI-003", "VDI-010");
        body.GetProperty("created")[0].GetString().Should().Be("VDI-001");
        body.GetProperty("created")[17].GetString().Should().Be("VDI-020");
        var names = await PoolFixtures.NamesAsync(_factory);
        names.Should().HaveCount(20).And.OnlyHaveUniqueItems();
        (await PoolFixtures.AssetNamedAsync(_factory, "VDI-003"))!.Status.Should().Be(PoolAssetStatus.Busy, "an existing asset is left alone");
        (await PoolFixtures.AssetNamedAsync(_factory, "VDI-020"))!.Notes.Should().Be("batch 1");
        (await AccessFixtures.AuditAsync(_factory)).Where(e => e.Action.StartsWith("pool_asset.")).Should().ContainSingle()
            .Which.Action.Should().Be("pool_asset.bulk_created");

        var again = await AccessFixtures.JsonAsync(await api.PostAsJsonAsync("/api/v1/pool/bulk", new { prefix = "VDI-", start = 1, count = 20, padding = 3, assetTypeId = type.Id }));
        again.GetProperty("createdCount").GetInt32().Should().Be(0);
        again.GetProperty("skippedCount").GetInt32().Should().Be(20);
        (await AccessFixtures.AuditAsync(_factory)).Count(e => e.Action == "pool_asset.bulk_created").Should().Be(1, "a run that changes nothing writes no audit row");
    }

    [Fact]
    public async Task Bulk_CountMustBeOneToAThousand()
    {
        var type = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);

        foreach (var count in new[] { 0, 1001 })
        {
            var refused = await api.PostAsJsonAsync("/api/v1/pool/bulk", new { prefix = "VDI-", count, padding = 4, assetTypeId = type.Id });
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await AccessFixtures.JsonAsync(refused)).GetProperty("errors").GetProperty("count")[0].GetString().Should().Contain("1,000");
        }

        (await PoolFixtures.NamesAsync(_factory)).Should().BeEmpty();
        var most = await AccessFixtures.JsonAsync(await api.PostAsJsonAsync("/api/v1/pool/bulk", new { prefix = "VDI-", start = 1, count = 1000, padding = 4, assetTypeId = type.Id }));
        most.GetProperty("createdCount").GetInt32().Should().Be(1000);
        (await PoolFixtures.NamesAsync(_factory)).Should().HaveCount(1000).And.Contain("VDI-1000");
    }

    [Fact]
    public async Task Import_DryRunReportsEveryRow_AndChangesNothing_ThenTheRealRunAppliesIt()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var lab = await PoolFixtures.AddTypeAsync(_factory, "Lab VM");
        await PoolFixtures.AddAssetAsync(_factory, "VDI-001", vdi.Id);
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);
        var csv = "name,asset_type,status,notes,meta.mac_address\n"
            + "VDI-001,VDI,,already there,\n"
            + "VDI-002,vdi,free,\"desk 2, room B\",00:11:22:33:44:55\n"
            + $"LAB-001,{lab.Id},maintenance,,\n";

        var dry = await PostCsvAsync(api, csv, dryRun: true);

        dry.StatusCode.Should().Be(HttpStatusCode.OK, await dry.Content.ReadAsStringAsync());
        var report = await AccessFixtures.JsonAsync(dry);
        report.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        report.GetProperty("applied").GetBoolean().Should().BeFalse();
        report.GetProperty("create").GetInt32().Should().Be(2);
        report.GetProperty("skipExisting").GetInt32().Should().Be(1);
        var rows = report.GetProperty("report").EnumerateArray().ToList();
        rows.Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("name").GetString(), r.GetProperty("action").GetString()))
            .Should().Equal((2, "VDI-001", "skip_existing"), (3, "VDI-002", "create"), (4, "LAB-001", "create"));
        (await PoolFixtures.NamesAsync(_factory)).Should().Equal("VDI-001");
        (await AccessFixtures.AuditAsync(_factory)).Should().NotContain(e => e.Action == "pool_asset.imported");

        var real = await PostCsvAsync(api, csv, dryRun: false);

        real.StatusCode.Should().Be(HttpStatusCode.OK, await real.Content.ReadAsStringAsync());
        (await AccessFixtures.JsonAsync(real)).GetProperty("applied").GetBoolean().Should().BeTrue();
        var imported = (await PoolFixtures.AssetNamedAsync(_factory, "VDI-002"))!;
        imported.Notes.Should().Be("desk 2, room B");
        imported.Metadata["mac_address"].Should().Be("00:11:22:33:44:55");
        var labAsset = (await PoolFixtures.AssetNamedAsync(_factory, "LAB-001"))!;
        labAsset.Status.Should().Be(PoolAssetStatus.Maintenance);
        labAsset.AssetTypeId.Should().Be(lab.Id);
        (await AccessFixtures.AuditAsync(_factory)).Should().ContainSingle(e => e.Action == "pool_asset.imported");
    }

    [Fact]
    public async Task Import_WithAnyRowError_ImportsNothing_AndReportsEachProblem()
    {
        await PoolFixtures.AddTypeAsync(_factory, "VDI");
        await PoolFixtures.AddTypeAsync(_factory, "Seats", AssignmentModel.CapacityPooled);
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);
        var csv = "name,asset_type,status,meta.serial\n"
            + "VDI-001,VDI,,S1\n"
            + "VDI-002,Nope,,\n"
            + "VDI-003,VDI,busy,\n"
            + "VDI-001,VDI,,\n"
            + "SEAT-1,Seats,,\n"
            + ",VDI,,\n"
            + "VDI-004,VDI\n"
            + "VD\"I-005,VDI,,\n";

        var real = await PostCsvAsync(api, csv, dryRun: false);

        real.StatusCode.Should().Be(HttpStatusCode.BadRequest, await real.Content.ReadAsStringAsync());
        var problem = await AccessFixtures.JsonAsync(real);
        problem.GetProperty("code").GetString().Should().Be("pool_import.rows_invalid");
        var rows = problem.GetProperty("report").GetProperty("report").EnumerateArray()
            .ToDictionary(r => r.GetProperty("row").GetInt32(), r => (Action: r.GetProperty("action").GetString(), Reason: r.GetProperty("reason").GetString()));
        rows[2].Action.Should().Be("create");
        rows[3].Reason.Should().Contain("no asset type 'Nope'");
        rows[4].Reason.Should().Contain("status 'busy'");
        rows[5].Reason.Should().Contain("line 2");
        rows[6].Reason.Should().Contain("capacity_pooled");
        rows[7].Reason.Should().Contain("name");
        rows[8].Reason.Should().Contain("2 fields");
        rows[9].Reason.Should().Contain("quoting");
        rows.Values.Count(r => r.Action == "error").Should().Be(7);
        (await PoolFixtures.NamesAsync(_factory)).Should().BeEmpty("the import is all or nothing");
        (await AccessFixtures.AuditAsync(_factory)).Should().NotContain(e => e.Action.StartsWith("pool_asset."));
    }

    [Fact]
    public async Task Import_BadFiles_AreRefusedWithAClearMessage()
    {
        await PoolFixtures.AddTypeAsync(_factory, "VDI");
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);

        async Task<string> Refused(byte[] content, string code)
        {
            var response = await PostCsvAsync(api, content, dryRun: true);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
            var problem = await AccessFixtures.JsonAsync(response);
            problem.GetProperty("code").GetString().Should().Be(code);
            return problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        }

        (await Refused(Encoding.UTF8.GetBytes("name,notes\nVDI-1,x\n"), "pool_import.header")).Should().Contain("'asset_type'");
        (await Refused(Encoding.UTF8.GetBytes("hostname,asset_type\nVDI-1,VDI\n"), "pool_import.header")).Should().Contain("Unknown column 'hostname'");
        (await Refused(Encoding.Latin1.GetBytes("name,asset_type\nVDI-é,VDI\n"), "pool_import.encoding")).Should().Contain("UTF-8");
        (await Refused([], "pool_import.empty")).Should().Contain("empty");
        (await Refused(Encoding.UTF8.GetBytes("name,asset_type\n"), "pool_import.empty")).Should().Contain("no rows");
        var tooMany = new StringBuilder("name,asset_type\n");
        for (var i = 0; i <= 10_000; i++)
            tooMany.Append("A-").Append(i).Append(",VDI\n");
        (await Refused(Encoding.UTF8.GetBytes(tooMany.ToString()), "pool_import.too_many_rows")).Should().Contain("10,000");
        var tooLarge = new byte[5 * 1024 * 1024 + 1];
        Array.Fill(tooLarge, (byte)'a');
        (await Refused(tooLarge, "pool_import.too_large")).Should().Contain("5 MB");
        (await PoolFixtures.NamesAsync(_factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Import_AcceptsAMultipartFile_SemicolonsAndAByteOrderMark()
    {
        await PoolFixtures.AddTypeAsync(_factory, "VDI");
        using var api = await PoolFixtures.ApiAsync(_factory, "pool.admin", AdminRole.Admin);
        byte[] content = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("name;asset_type;notes\r\nVDI-001;VDI;a,b\r\n")];
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "pool.csv");

        var response = await api.PostAsync("/api/v1/pool/import?dryRun=false", form);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await PoolFixtures.AssetNamedAsync(_factory, "VDI-001"))!.Notes.Should().Be("a,b");
    }

    private static Task<HttpResponseMessage> PostCsvAsync(HttpClient api, string csv, bool dryRun) =>
        PostCsvAsync(api, Encoding.UTF8.GetBytes(csv), dryRun);

    private static Task<HttpResponseMessage> PostCsvAsync(HttpClient api, byte[] csv, bool dryRun)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return api.PostAsync($"/api/v1/pool/import?dryRun={(dryRun ? "true" : "false")}", content);
    }
}
