using System.Net;
using IpSolis.Domain.Approvals;
using IpSolis.Server.Features.Approvals;
using IpSolis.Server.Features.Maintenance;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Approvals;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Orders;
using IpSolis.Server.Tests.Portal;
using Microsoft.Extensions.DependencyInjection;

namespace IpSolis.Server.Tests.Maintenance;

/// <summary>
/// Maintenance mode: while on, new orders (API, portal form) and approval decisions (signed link) get 503 with
/// Retry-After and change nothing, reads still work and the portal shows a banner; switched off, all works again.
/// The switch is a setting (cluster-wide) and audited.
/// </summary>
public sealed class MaintenanceModeTests
{
    private static readonly AuditActor Actor = AuditActor.System("test");
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Api_OrderPostIsRefusedWhileOn_ReadsWork_AndOffAcceptsAgain()
    {
        await using var host = await OrderHost.StartAsync();
        var type = await host.AddTypeAsync("Maintenance VDI");
        await host.AddAssetsAsync(type.Id, 2, "MNT");
        var mode = host.Services.GetRequiredService<MaintenanceMode>();

        (await mode.SetAsync(true, Actor)).Should().BeTrue();
        var refused = await host.PlaceAsync(OrderHost.Body(type.Id, "anna@example.com", Now, Now.AddDays(5)));

        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(300));
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await OrderHost.JsonAsync(refused)).GetProperty("code").GetString().Should().Be(MaintenanceGate.ProblemCode);
        (await DirectSql.ScalarAsync<long>(host.Factory.Database, "SELECT COUNT(*) FROM orders")).Should().Be(0);
        (await host.Api.GetAsync("/api/v1/orders")).StatusCode.Should().Be(HttpStatusCode.OK, "reads go on");
        (await AccessFixtures.AuditAsync(host.Factory)).Should().Contain(e => e.Action.StartsWith("setting", StringComparison.Ordinal) && e.EntityId == MaintenanceSettings.Enabled.Key,
            "switching maintenance mode is audited");

        (await mode.SetAsync(false, Actor)).Should().BeTrue();
        var accepted = await host.PlaceAsync(OrderHost.Body(type.Id, "anna@example.com", Now, Now.AddDays(5)));

        accepted.StatusCode.Should().Be(HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApprovalLinkDecision_IsRefusedWhileOn_AndDecidesWhenOff()
    {
        await using var host = await OrderHost.StartAsync();
        var type = await ApprovalFixtures.AddOwnedTypeAsync(host, "Maintenance approvals", ApprovalFixtures.Owners(1));
        await host.AddAssetsAsync(type.Id, 1, "MNA");
        var orderId = await ApprovalFixtures.PlacePendingAsync(host, type.Id);
        var row = (await ApprovalFixtures.RowsAsync(host, orderId)).Single();
        var token = host.Services.GetRequiredService<ApprovalLinks>().Issue(row.Id, row.ApproverEmail, DateTimeOffset.UtcNow.AddDays(14));
        using var client = ConsoleClient.For(host.Factory);
        var mode = host.Services.GetRequiredService<MaintenanceMode>();
        var decision = new Dictionary<string, string> { ["Form.Decision"] = "approve", ["Form.Comment"] = "ok" };

        await mode.SetAsync(true, Actor);
        var (refused, refusedPage) = await client.SubmitAsync($"/approve/{token}", "approval-link", decision);

        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter.Should().NotBeNull();
        refusedPage.Body!.TextContent.Should().Contain("maintenance");
        (await ApprovalFixtures.RowsAsync(host, orderId)).Single().Status.Should().Be(ApprovalState.Pending, "nothing was decided");

        await mode.SetAsync(false, Actor);
        var (decided, page) = await client.SubmitAsync($"/approve/{token}", "approval-link", decision);

        decided.StatusCode.Should().Be(HttpStatusCode.OK, page.Body?.TextContent);
        (await ApprovalFixtures.RowsAsync(host, orderId)).Single().Status.Should().Be(ApprovalState.Approved);
    }

    [Fact]
    public async Task PortalOrderForm_IsRefusedWhileOn_ShowsTheBanner_AndOffHidesIt()
    {
        await using var host = await PortalHost.StartAsync();
        var type = await host.AddTypeAsync("Portal maintenance VDI");
        await host.AddAssetsAsync(type.Id, 2, "PMV");
        using var browser = await host.SignInAsync(PortalHost.Anna);
        var mode = host.Services.GetRequiredService<MaintenanceMode>();
        var path = $"/portal/orders/new?type={type.Id}";
        var fields = new Dictionary<string, string>
        {
            ["from"] = Now.ToString("yyyy-MM-dd"),
            ["until"] = Now.AddDays(10).ToString("yyyy-MM-dd"),
        };

        await mode.SetAsync(true, Actor);
        var (form, formPage) = await browser.GetPageAsync(path);
        form.StatusCode.Should().Be(HttpStatusCode.OK, "reading the form still works");
        formPage.QuerySelector("[data-maintenance-banner]").Should().NotBeNull("the portal shows the banner");
        var (catalog, catalogPage) = await browser.GetPageAsync("/portal/catalog");
        catalog.StatusCode.Should().Be(HttpStatusCode.OK);
        catalogPage.QuerySelector("[data-maintenance-banner]").Should().NotBeNull();
        var (refused, _) = await browser.SubmitAsync(path, "order", fields);

        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter.Should().NotBeNull();
        (await DirectSql.ScalarAsync<long>(host.Factory.Database, "SELECT COUNT(*) FROM orders")).Should().Be(0);

        await mode.SetAsync(false, Actor);
        var (_, quietPage) = await browser.GetPageAsync(path);
        quietPage.QuerySelector("[data-maintenance-banner]").Should().BeNull();
        var (placed, _) = await browser.SubmitAsync(path, "order", fields);

        placed.StatusCode.Should().Be(HttpStatusCode.Redirect, "the order is placed again");
        (await DirectSql.ScalarAsync<long>(host.Factory.Database, "SELECT COUNT(*) FROM orders")).Should().Be(1);
    }
}
