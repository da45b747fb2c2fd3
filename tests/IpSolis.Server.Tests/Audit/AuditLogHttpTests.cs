using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Features.Administration.AuditLog;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Audit;

/// <summary>Reading the audit log: <c>GET /api/v1/admin/audit</c> with filters and cursors, the /ui/audit viewer
/// with its diff, and the CSV and JSON-lines exports (formula injection neutralised).</summary>
public sealed class AuditLogHttpTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        var audit = _factory.Services.GetRequiredService<IAuditTrail>();
        for (var i = 1; i <= 12; i++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            audit.Record(db, AuditActor.AdminSession(i % 2 == 0 ? "alice" : "bob", "admin", "192.0.2.1"),
                new AuditEvent(i % 3 == 0 ? "asset_type.deleted" : "asset_type.changed", "asset_type", $"t{i}",
                    OldValues: new { name = $"old {i}", owner = "ops" }, NewValues: new { name = $"new {i}", owner = "ops" }));
            await db.SaveChangesAsync();
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            audit.Record(db, AuditActor.PortalUser("mallory@example.com", null), new AuditEvent("note.added", "note", "n1",
                NewValues: new { text = "=HYPERLINK(\"http://evil.example\",\"click\")", other = "+1, \"quoted\"" }));
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpClient> AuditorAsync()
    {
        var auditor = await AccessFixtures.AddUserAsync(_factory, "auditor", AdminRole.Auditor);
        var (_, token) = await AccessFixtures.AddTokenAsync(_factory, auditor, scopes: ["audit:read"]);
        return AccessFixtures.ApiClient(_factory, token);
    }

    [Fact]
    public async Task Api_FiltersAndPagesByCursor_NewestFirst()
    {
        using var api = await AuditorAsync();

        var first = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/admin/audit?actor=alice&limit=4"));
        var firstItems = first.GetProperty("items").EnumerateArray().ToList();
        firstItems.Select(i => i.GetProperty("entityId").GetString()).Should().Equal("t12", "t10", "t8", "t6");
        firstItems[0].GetProperty("newValues").GetProperty("name").GetString().Should().Be("new 12");
        var cursor = first.GetProperty("nextCursor").GetString();

        var second = await AccessFixtures.JsonAsync(await api.GetAsync($"/api/v1/admin/audit?actor=alice&limit=4&cursor={cursor}"));
        second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entityId").GetString()).Should().Equal("t4", "t2");
        second.GetProperty("nextCursor").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        var deleted = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/admin/audit?action=asset_type.deleted&entityType=asset_type"));
        deleted.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entityId").GetString()).Should().Equal("t12", "t9", "t6", "t3");
        var one = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/admin/audit?entityType=asset_type&entityId=t7"));
        one.GetProperty("items").GetArrayLength().Should().Be(1);
        var future = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/admin/audit?from=2999-01-01"));
        future.GetProperty("items").GetArrayLength().Should().Be(0);
        (await api.GetAsync("/api/v1/admin/audit?from=yesterday")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Api_IsForAuditorsAndAbove()
    {
        var helpdesk = await AccessFixtures.AddUserAsync(_factory, "helper", AdminRole.Helpdesk);
        var (_, token) = await AccessFixtures.AddTokenAsync(_factory, helpdesk);
        using var api = AccessFixtures.ApiClient(_factory, token);

        (await api.GetAsync("/api/v1/admin/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AccessFixtures.ApiClient(_factory).GetAsync("/api/v1/admin/audit")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Viewer_ShowsFilteredRowsWithTheirDiff_AndPagesOlder()
    {
        await AccessFixtures.AddUserAsync(_factory, "auditor", AdminRole.Auditor);
        using var console = ConsoleClient.For(_factory);
        await console.SignInAsync("auditor", AccessFixtures.Password);

        var (response, page) = await console.GetPageAsync("/ui/audit?entityType=asset_type&action=asset_type.changed");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = page.QuerySelectorAll("[data-card='audit-entries'] tbody > tr").Where(r => r.QuerySelector("details") is not null).ToList();
        rows.Should().HaveCount(8);
        var diff = rows[0].QuerySelector("details")!;
        diff.QuerySelector("summary")!.TextContent.Should().Be("1 changed");
        diff.QuerySelector("tr.is-changed")!.TextContent.Should().Contain("name").And.Contain("old 11").And.Contain("new 11");
        page.QuerySelector("a[href^='/ui/audit/export.csv']")!.GetAttribute("href").Should().Contain("entityType=asset_type");

        var (_, all) = await console.GetPageAsync("/ui/audit");
        all.QuerySelector("a[rel='next']").Should().BeNull("13 rows fit on one page");
        var (_, older) = await console.GetPageAsync("/ui/audit?before=5");
        older.QuerySelectorAll("[data-card='audit-entries'] tbody td.num").Select(c => c.TextContent).Should().Equal("4", "3", "2", "1");
        older.QuerySelector("a[rel='prev']")!.GetAttribute("href").Should().Be("/ui/audit?after=4");
    }

    [Fact]
    public async Task Exports_StreamEveryMatchingRow_AndTheCsvCannotRunFormulas()
    {
        await AccessFixtures.AddUserAsync(_factory, "auditor", AdminRole.Auditor);
        using var console = ConsoleClient.For(_factory);
        await console.SignInAsync("auditor", AccessFixtures.Password);

        var csv = await console.Http.GetAsync("/ui/audit/export.csv");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        lines[0].Should().Be(AuditCsv.Header);
        lines.Should().HaveCount(1 + (await AccessFixtures.AuditAsync(_factory)).Count, "one line per row, the sign-in included");
        lines[1].Should().StartWith("1,");
        lines[13].Should().StartWith("13,").And.Contain("portal:user:mallory@example.com");

        AuditCsv.Cell("=HYPERLINK(\"x\")").Should().Be("\"'=HYPERLINK(\"\"x\"\")\"");
        AuditCsv.Cell("+1").Should().Be("'+1");
        AuditCsv.Cell("-2").Should().Be("'-2");
        AuditCsv.Cell("@SUM(A1)").Should().Be("'@SUM(A1)");
        AuditCsv.Cell("plain, text").Should().Be("\"plain, text\"");
        AuditCsv.Cell("ok").Should().Be("ok");

        var jsonl = await console.Http.GetAsync("/ui/audit/export.jsonl?actor=mallory");
        var records = (await jsonl.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        records.Should().ContainSingle();
        System.Text.Json.JsonDocument.Parse(records[0]).RootElement.GetProperty("newValues").GetProperty("text").GetString()
            .Should().StartWith("=HYPERLINK");
    }
}
