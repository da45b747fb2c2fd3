using System.Net;
using AngleSharp.Html.Dom;
using IpSolis.Domain.Access;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.AdminOrders;

/// <summary>
/// Retry, cancel/return and change on the admin order page: form posts with antiforgery and Post/Redirect/Get,
/// open to admins only, refused (and harmless) for helpdesk, without a token, and outside the caller's scope.
/// </summary>
public sealed class OrderActionsTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        await AccessFixtures.AddUserAsync(_factory, "ops", AdminRole.Admin);
        await AccessFixtures.AddUserAsync(_factory, "desk", AdminRole.Helpdesk);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Admin_RetriesAFailedOrder_WithPostRedirectGet_AndAnAuditRow()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var order = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Failed, configure: o => o.ErrorMessage = "Runbook step failed");
        using var console = await SignInAsync("ops");

        var (posted, _) = await console.SubmitAsync($"/ui/orders/{order.Id}", $"/ui/orders/{order.Id}/retry", new Dictionary<string, string>());

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(posted).Should().Be($"/ui/orders/{order.Id}?done=retried");
        var (after, page) = await console.GetPageAsync(ConsoleClient.RedirectTarget(posted));
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".alert-success")!.TextContent.Should().Contain("runs again");
        (await AuditActionsAsync(order.Id)).Should().Contain(("order.retried", "admin:session:ops:admin"));
    }

    [Fact]
    public async Task Admin_CancelsAScheduledOrder_AndReturnsAnActiveOne_ThroughADeleteOrder()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var scheduled = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Scheduled, configure: o => o.RequestedFrom = o.CreatedAt.AddDays(3));
        var asset = (await AdminOrderRows.AddAssetsAsync(_factory, type, PoolAssetStatus.Busy, 1))[0];
        var active = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Provisioned, configure: o => o.AssignedAssetId = asset.Id);
        using var console = await SignInAsync("ops");

        var (cancelled, _) = await console.SubmitAsync($"/ui/orders/{scheduled.Id}", $"/ui/orders/{scheduled.Id}/return", new Dictionary<string, string>());
        cancelled.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(cancelled).Should().Be($"/ui/orders/{scheduled.Id}?done=returned");
        (await AdminOrderRows.FindOrderAsync(_factory, scheduled.Id)).Status.Should().Be(OrderStatus.Cancelled);

        var (returned, _) = await console.SubmitAsync($"/ui/orders/{active.Id}", $"/ui/orders/{active.Id}/return", new Dictionary<string, string>());
        returned.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        var delete = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.ParentOrderId == active.Id && o.Action == OrderAction.Delete);
        ConsoleClient.RedirectTarget(returned).Should().Be($"/ui/orders/{active.Id}?done=returned&related={delete.Id}");
        var (_, page) = await console.GetPageAsync(ConsoleClient.RedirectTarget(returned));
        page.QuerySelector(".alert-success")!.TextContent.Should().Contain($"#{delete.Id}");
        (await AuditActionsAsync(active.Id)).Should().Contain(("order.returned", "admin:session:ops:admin"));
    }

    [Fact]
    public async Task Admin_ChangesAnActiveOrder_EndOwnerAndLists_AsAChangeOrder()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI", configure: t => { t.AllowRdpUsers = true; t.AllowAdminUsers = true; });
        var order = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Provisioned, configure: o => o.RdpUsers = ["carol@example.com"]);
        var newEnd = order.RequestedUntil.AddDays(10).UtcDateTime.ToString("yyyy-MM-dd");
        using var console = await SignInAsync("ops");

        var (posted, _) = await console.SubmitAsync($"/ui/orders/{order.Id}", $"/ui/orders/{order.Id}/change", new Dictionary<string, string>
        {
            ["until"] = newEnd,
            ["owner"] = "bob@example.com",
            ["rdpUsers"] = "carol@example.com\r\ndave@example.com\r\n",
            ["adminUsers"] = "",
        });

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        var modify = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.ParentOrderId == order.Id && o.Action == OrderAction.Modify);
        ConsoleClient.RedirectTarget(posted).Should().Be($"/ui/orders/{order.Id}?done=changed&related={modify.Id}");
        modify.RequestedUntil.UtcDateTime.ToString("yyyy-MM-dd").Should().Be(newEnd);
        modify.OwnerEmail.Should().Be("bob@example.com");
        modify.RdpUsers.Should().Equal("carol@example.com", "dave@example.com");
        modify.AdminUsers.Should().BeEmpty();
        (await AuditActionsAsync(modify.Id)).Should().Contain(("order.change_requested", "admin:session:ops:admin"));
    }

    [Fact]
    public async Task Change_WithBadInput_ComesBackWithTheErrorAtTheField_AndChangesNothing()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var order = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Provisioned);
        var change = $"/ui/orders/{order.Id}/change";
        using var console = await SignInAsync("ops");

        var page = await FollowAsync(console, await console.SubmitAsync($"/ui/orders/{order.Id}", change, new Dictionary<string, string> { ["owner"] = "not an address" }));
        page.QuerySelector("#change-owner")!.GetAttribute("aria-invalid").Should().Be("true");
        ErrorAt(page, "change-owner").Should().Contain("not an email address");
        page.QuerySelector(".alert-error")!.TextContent.Should().Contain("The order was not changed");

        var datePage = await FollowAsync(console, await console.SubmitAsync($"/ui/orders/{order.Id}", change, new Dictionary<string, string> { ["until"] = "31.12.2030" }));
        ErrorAt(datePage, "change-until").Should().Contain("not a date");

        var nothingPage = await FollowAsync(console, await console.SubmitAsync($"/ui/orders/{order.Id}", change, new Dictionary<string, string>
        {
            ["until"] = order.RequestedUntil.UtcDateTime.ToString("yyyy-MM-dd"),
            ["owner"] = "",
        }));
        nothingPage.QuerySelector(".alert-error")!.TextContent.Should().Contain("Nothing was changed");

        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<Order>().CountAsync(o => o.ParentOrderId == order.Id)).Should().Be(0);
        (await AuditActionsAsync(order.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Action_ThatTheOrderCannotTake_ComesBackWithTheReason()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var order = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Failed);
        using var console = await SignInAsync("ops");
        var (_, page) = await console.GetPageAsync($"/ui/orders/{order.Id}");
        var retry = $"/ui/orders/{order.Id}/retry";
        var token = ConsoleClient.AntiforgeryToken(page, retry);
        await using (var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync())
            await db.Set<Order>().Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Revoked));

        var refused = await FollowAsync(console, await console.PostAsync(retry, [new("_handler", "retry"), new("__RequestVerificationToken", token)]));

        refused.QuerySelector(".alert-error")!.TextContent.Should().Contain("The order was not retried").And.Contain("Only a failed order can be retried");
        (await AdminOrderRows.FindOrderAsync(_factory, order.Id)).Status.Should().Be(OrderStatus.Revoked);
    }

    [Fact]
    public async Task ActionAddress_OpenedDirectly_AsksForConfirmation_SoActionsWorkWithoutScript()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var order = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.PendingApproval);
        var other = await AdminOrderRows.AddTypeAsync(_factory, "Other");
        var foreign = await AdminOrderRows.AddOrderAsync(_factory, other, OrderStatus.PendingApproval);
        await AdminOrderRows.AddRestrictedAdminAsync(_factory, "limited", type);
        using var console = await SignInAsync("limited");

        var (shown, page) = await console.GetPageAsync($"/ui/orders/{order.Id}/return");
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Should().Be($"Cancel order #{order.Id}");
        var (posted, _) = await console.SubmitAsync($"/ui/orders/{order.Id}/return", "return", new Dictionary<string, string>());

        ConsoleClient.RedirectTarget(posted).Should().Be($"/ui/orders/{order.Id}?done=returned");
        (await AdminOrderRows.FindOrderAsync(_factory, order.Id)).Status.Should().Be(OrderStatus.Cancelled);
        (await console.GetPageAsync($"/ui/orders/{foreign.Id}/return")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var desk = await SignInAsync("desk");
        (await desk.GetPageAsync($"/ui/orders/{order.Id}/retry")).Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var order = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Failed);
        using var console = await SignInAsync("ops");

        var (retry, _) = await console.PostAsync($"/ui/orders/{order.Id}/retry", [new("_handler", "retry")]);
        var (cancel, _) = await console.PostAsync($"/ui/orders/{order.Id}/return", [new("_handler", "return")]);

        retry.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        cancel.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AdminOrderRows.FindOrderAsync(_factory, order.Id)).Status.Should().Be(OrderStatus.Failed);
        (await AuditActionsAsync(order.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Helpdesk_SeesNoActions_AndACraftedPostIsForbidden()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var failed = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Failed);
        var active = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Provisioned);
        using var console = await SignInAsync("desk");

        var (_, page) = await console.GetPageAsync($"/ui/orders/{failed.Id}");
        page.QuerySelector("[data-card='order-actions']").Should().BeNull();
        page.QuerySelectorAll("form[action^='/ui/orders/']").Should().BeEmpty();
        var (_, activePage) = await console.GetPageAsync($"/ui/orders/{active.Id}");
        activePage.QuerySelectorAll("form[action^='/ui/orders/']").Should().BeEmpty();

        // A valid token from the page's sign-out form: only the role stands in the way.
        var token = ConsoleClient.AntiforgeryToken(page, "/ui/logout");
        var (retry, _) = await console.PostAsync($"/ui/orders/{failed.Id}/retry", [new("_handler", "retry"), new("__RequestVerificationToken", token)]);
        var (change, _) = await console.PostAsync($"/ui/orders/{active.Id}/change", [new("_handler", "change"), new("__RequestVerificationToken", token), new("owner", "mallory@example.com")]);
        var (cancel, _) = await console.PostAsync($"/ui/orders/{active.Id}/return", [new("_handler", "return"), new("__RequestVerificationToken", token)]);

        retry.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        change.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        cancel.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AdminOrderRows.FindOrderAsync(_factory, failed.Id)).Status.Should().Be(OrderStatus.Failed);
        (await AdminOrderRows.FindOrderAsync(_factory, active.Id)).Status.Should().Be(OrderStatus.Provisioned);
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<Order>().CountAsync()).Should().Be(2, "no change or delete order was placed");
    }

    [Fact]
    public async Task RestrictedAdmin_CannotActOnOrdersOfOtherTypes()
    {
        var mine = await AdminOrderRows.AddTypeAsync(_factory, "Mine");
        var theirs = await AdminOrderRows.AddTypeAsync(_factory, "Theirs");
        var own = await AdminOrderRows.AddOrderAsync(_factory, mine, OrderStatus.Failed);
        var other = await AdminOrderRows.AddOrderAsync(_factory, theirs, OrderStatus.Failed);
        await AdminOrderRows.AddRestrictedAdminAsync(_factory, "limited", mine);
        using var console = await SignInAsync("limited");
        var (_, page) = await console.GetPageAsync($"/ui/orders/{own.Id}");
        var token = ConsoleClient.AntiforgeryToken(page, $"/ui/orders/{own.Id}/retry");

        var (retry, _) = await console.PostAsync($"/ui/orders/{other.Id}/retry", [new("_handler", "retry"), new("__RequestVerificationToken", token)]);
        var (change, _) = await console.PostAsync($"/ui/orders/{other.Id}/change", [new("_handler", "change"), new("__RequestVerificationToken", token), new("owner", "mallory@example.com")]);

        foreach (var response in new[] { retry, change })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            ConsoleClient.RedirectTarget(response).Should().Be($"/ui/orders/{other.Id}", "the order's own page answers, with 404");
        }

        (await console.GetPageAsync($"/ui/orders/{other.Id}")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await AdminOrderRows.FindOrderAsync(_factory, other.Id)).Status.Should().Be(OrderStatus.Failed);
        (await AuditActionsAsync(other.Id)).Should().BeEmpty();
    }

    private async Task<ConsoleClient> SignInAsync(string username)
    {
        var console = ConsoleClient.For(_factory);
        await console.SignInAsync(username, AccessFixtures.Password);
        return console;
    }

    /// <summary>Follows a post's redirect back to the order page, as a browser does.</summary>
    private static async Task<IHtmlDocument> FollowAsync(ConsoleClient console, (HttpResponseMessage Response, IHtmlDocument Page) posted)
    {
        posted.Response.StatusCode.Should().Be(HttpStatusCode.Redirect, posted.Page.Body?.TextContent);
        var (response, page) = await console.GetPageAsync(ConsoleClient.RedirectTarget(posted.Response));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return page;
    }

    private static string ErrorAt(IHtmlDocument page, string id) =>
        page.GetElementById(id)?.Closest(".field")?.QuerySelector(".field-error")?.TextContent
        ?? throw new InvalidOperationException($"No error at #{id}:\n{page.QuerySelector("main")?.InnerHtml}");

    private async Task<IReadOnlyList<(string Action, string Actor)>> AuditActionsAsync(long orderId)
    {
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        var id = orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [.. (await db.Set<AuditEntry>().AsNoTracking().Where(e => e.EntityType == "order" && e.EntityId == id).ToListAsync())
            .Select(e => (e.Action, e.Actor))];
    }
}
