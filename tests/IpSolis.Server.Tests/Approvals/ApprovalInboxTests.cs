using System.Net;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Approvals;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Portal;
using IpSolis.Server.Tests.PersonDirectory;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>The portal inbox: an approver sees and decides their own rows (email matched case-insensitively), nobody else's.</summary>
public sealed class ApprovalInboxTests : IAsyncLifetime
{
    private const string Carla = "carla.manager@example.com";
    private PortalHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await PortalHost.StartAsync();
        await DirectoryFixtures.AddPersonAsync(_host.Factory, Carla, "Carla Manager", username: "cmanager");
        await using var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync();
        var anna = await db.Set<Features.Directory.DirectoryPerson>().SingleAsync(p => p.Email == PortalHost.Anna);
        anna.ManagerEmail = Carla;
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<long> PlaceForAnnaAsync(string typeName, Action<AssetType> configure)
    {
        var type = await _host.AddTypeAsync(typeName, t =>
        {
            t.CollectJustification = true;
            configure(t);
        });
        await _host.AddAssetsAsync(type.Id, 1, typeName.Replace(' ', '-'));
        var placement = _host.Services.CreateScope().ServiceProvider.GetRequiredService<OrderPlacement>();
        var now = DateTimeOffset.UtcNow;
        var placed = await placement.PlaceAsync(new PlaceOrder(type.Id, PortalHost.Anna, now, now.AddDays(5))
        {
            Source = "api",
            Justification = "Needed for the audit project",
        }, OrderCaller.Administrator(AuditActor.System("test"), AssetTypeScope.Everything), CancellationToken.None);
        placed.Errors.Should().BeEmpty();
        placed.Value.Status.Should().Be(OrderStatus.PendingApproval);
        return placed.Value.Id;
    }

    [Fact]
    public async Task Place_TypeNeedingTheManager_AsksTheDirectoryManagerOfTheRecipient()
    {
        var orderId = await PlaceForAnnaAsync("Manager approved", t => t.Approval = new ApprovalSetup { RequiresManager = true });

        var row = (await _host.Factory.Services.GetRequiredService<ApprovalInbox>().ForOrderAsync(orderId, CancellationToken.None)).Should().ContainSingle().Subject;
        row.ApproverEmail.Should().Be(Carla);
        row.Source.Should().Be(ApprovalSource.Manager);
    }

    [Fact]
    public async Task Inbox_ShowsTheApproversPendingRowAndApprovingItRedirectsAndRecordsTheDecision()
    {
        var orderId = await PlaceForAnnaAsync("Inbox VDI", t => t.Approval = new ApprovalSetup { RequiresManager = true });
        var row = (await _host.Factory.Services.GetRequiredService<ApprovalInbox>().ForOrderAsync(orderId, CancellationToken.None)).Single();
        using var carla = await _host.SignInAsync("CARLA.manager@example.com");

        var (listed, page) = await carla.GetPageAsync("/portal/approvals");
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector($"#approval-{row.Id}")!.TextContent.Should().Contain("Inbox VDI").And.Contain("Needed for the audit project");

        var (posted, _) = await carla.SubmitAsync("/portal/approvals", $"approval-{row.Id}", new Dictionary<string, string>
        {
            ["Form.ApprovalId"] = row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Decision"] = "approve",
            ["Form.Comment"] = "Go ahead",
        });

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(posted).Should().Be("/portal/approvals?decided=approved");
        var decided = (await _host.Factory.Services.GetRequiredService<ApprovalInbox>().ForOrderAsync(orderId, CancellationToken.None)).Single();
        decided.Status.Should().Be(ApprovalState.Approved);
        decided.Comment.Should().Be("Go ahead");
        var (_, after) = await carla.GetPageAsync("/portal/approvals");
        after.QuerySelector($"#approval-{row.Id}").Should().BeNull();
        after.Body!.TextContent.Should().Contain("Go ahead");
    }

    [Fact]
    public async Task Inbox_OfSomeoneElse_NeitherShowsNorDecidesTheRow()
    {
        var orderId = await PlaceForAnnaAsync("Private VDI", t => t.Approval = new ApprovalSetup { RequiresManager = true });
        var row = (await _host.Factory.Services.GetRequiredService<ApprovalInbox>().ForOrderAsync(orderId, CancellationToken.None)).Single();
        using var ben = await _host.SignInAsync(PortalHost.Ben);

        var (_, page) = await ben.GetPageAsync("/portal/approvals");
        page.QuerySelector($"#approval-{row.Id}").Should().BeNull();
        page.Body!.TextContent.Should().NotContain("Private VDI");

        // Ben forges a post for Carla's row with his own valid antiforgery token: the decision service refuses it.
        var antiforgery = page.QuerySelector("form.sign-out-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var (forged, _) = await ben.PostAsync("/portal/approvals", [new("__RequestVerificationToken", antiforgery), new("_handler", $"approval-{row.Id}"),
            new("Form.ApprovalId", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Form.Decision", "approve")]);
        forged.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        (await _host.Factory.Services.GetRequiredService<ApprovalInbox>().ForOrderAsync(orderId, CancellationToken.None)).Single().Status.Should().Be(ApprovalState.Pending);
    }

    [Fact]
    public async Task Away_ApproverDelegatesThroughThePortal_AndNewApprovalsReachTheDelegate()
    {
        using var carla = await _host.SignInAsync(Carla);
        var today = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var later = DateTimeOffset.UtcNow.AddDays(3).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (saved, page) = await carla.SubmitAsync("/portal/approvals/away", "delegation-new", new Dictionary<string, string>
        {
            ["Form.DelegateEmail"] = PortalHost.Ben,
            ["Form.DelegateName"] = "Ben Keller",
            ["Form.From"] = today,
            ["Form.Until"] = later,
        });

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, page.QuerySelector(".alert")?.TextContent);
        var orderId = await PlaceForAnnaAsync("Away VDI", t => t.Approval = new ApprovalSetup { RequiresManager = true });
        var row = (await _host.Factory.Services.GetRequiredService<ApprovalInbox>().ForOrderAsync(orderId, CancellationToken.None)).Single();
        row.ApproverEmail.Should().Be(PortalHost.Ben);
        row.OnBehalfOfEmail.Should().Be(Carla);
        using var ben = await _host.SignInAsync(PortalHost.Ben);
        var (_, inbox) = await ben.GetPageAsync("/portal/approvals");
        inbox.QuerySelector($"#approval-{row.Id}").Should().NotBeNull();
    }
}
