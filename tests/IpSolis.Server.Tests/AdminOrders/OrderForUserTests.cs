using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.AdminOrders;

/// <summary>"Order for a user": choose a type, fill in its form, and the order goes through the same placement as every other entry point.</summary>
public sealed class OrderForUserTests : IAsyncLifetime
{
    private static readonly AttributeDefinition[] Schema =
    [
        new("size", "Size", AttributeType.Enum) { Required = true, Options = ["small", "large"] },
        new("cores", "Cores", AttributeType.Int) { Validation = new AttributeValidation(Min: 1, Max: 16) },
        new("tools", "Tools", AttributeType.MultiEnum) { Options = ["git", "docker", "node"] },
    ];

    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        await AccessFixtures.AddUserAsync(_factory, "ops", AdminRole.Admin);
        await AccessFixtures.AddUserAsync(_factory, "desk", AdminRole.Helpdesk);
        await AdminOrderRows.AddPersonAsync(_factory, "ada@example.com", "Ada Lovelace");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Admin_PlacesAnOrderForAPerson_AndLandsOnItsPage()
    {
        var type = await AddWorkstationTypeAsync();
        using var console = await SignInAsync("ops");
        var (list, listPage) = await console.GetPageAsync("/ui/orders");
        listPage.QuerySelector("a[href='/ui/orders/new']").Should().NotBeNull("admins may order for a user");

        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;
        var (posted, page) = await console.SubmitAsync($"/ui/orders/new?type={type.Id}", "order-for-user", new Dictionary<string, string>
        {
            ["Input.Requester"] = " Ada@Example.com ",
            ["Input.Owner"] = "bob@example.com",
            ["Input.From"] = today.ToString("yyyy-MM-dd"),
            ["Input.Until"] = today.AddDays(14).ToString("yyyy-MM-dd"),
            ["attr:size"] = "large",
            ["attr:cores"] = "8",
            ["Input.Justification"] = "Month-end close",
            ["Input.RdpUsers"] = "carol@example.com\r\n",
        }, [new("attr:tools", "git"), new("attr:tools", "node")]);

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect, page.QuerySelector(".alert-error")?.TextContent);
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        var order = await db.Set<Order>().AsNoTracking().SingleAsync();
        ConsoleClient.RedirectTarget(posted).Should().Be($"/ui/orders/{order.Id}?done=placed");
        order.Source.Should().Be("admin");
        order.PlacedBy.Should().Be("admin:session:ops:admin");
        order.RequesterEmail.Should().Be("ada@example.com");
        order.RequesterName.Should().Be("Ada Lovelace");
        order.OwnerEmail.Should().Be("bob@example.com");
        order.RequestedUntil.Should().Be(new DateTimeOffset(today.AddDays(14), TimeSpan.Zero));
        order.Justification.Should().Be("Month-end close");
        order.RdpUsers.Should().Equal("carol@example.com");
        order.AttributesJson.Should().Contain("large").And.Contain("8").And.Contain("node");
        (await db.Set<AuditEntry>().CountAsync(e => e.Action == "order.placed" && e.Actor == "admin:session:ops:admin")).Should().Be(1);

        var (shown, detail) = await console.GetPageAsync(ConsoleClient.RedirectTarget(posted));
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        detail.QuerySelector(".alert-success")!.TextContent.Should().Contain("placed");
    }

    [Fact]
    public async Task Mistakes_AreShownAtTheirFields_WithWhatWasTyped_AndNothingIsPlaced()
    {
        var type = await AddWorkstationTypeAsync();
        using var console = await SignInAsync("ops");
        var today = DateTimeOffset.UtcNow.UtcDateTime.Date;

        var (response, page) = await console.SubmitAsync($"/ui/orders/new?type={type.Id}", "order-for-user", new Dictionary<string, string>
        {
            ["Input.Requester"] = "not-an-address",
            ["Input.From"] = today.AddDays(5).ToString("yyyy-MM-dd"),
            ["Input.Until"] = today.AddDays(2).ToString("yyyy-MM-dd"),
            ["attr:cores"] = "99",
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ErrorAt(page, "order-requester").Should().Contain("not an email address");
        ErrorAt(page, "order-until").Should().Contain("after the start");
        ErrorAt(page, "attr-size").Should().Contain("Size is required");
        ErrorAt(page, "attr-cores").Should().Contain("at most 16");
        ErrorAt(page, "order-justification").Should().Contain("justification is required");
        page.QuerySelector("#order-requester")!.GetAttribute("value").Should().Be("not-an-address");
        page.QuerySelector("#attr-cores")!.GetAttribute("value").Should().Be("99");
        page.QuerySelector(".alert-error")!.TextContent.Should().Contain("The order was not placed");

        var (empty, emptyPage) = await console.SubmitAsync($"/ui/orders/new?type={type.Id}", "order-for-user", new Dictionary<string, string>
        {
            ["Input.Requester"] = "",
            ["Input.From"] = "tomorrow",
        });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ErrorAt(emptyPage, "order-requester").Should().Contain("required");
        ErrorAt(emptyPage, "order-from").Should().Contain("not a date");

        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<Order>().CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task TypePicker_OffersOnlyActiveTypesInScope_AndOtherIdsReadLikeMissingOnes()
    {
        var mine = await AdminOrderRows.AddTypeAsync(_factory, "Mine", AssignmentModel.CapacityPooled, capacity: 5);
        var retired = await AdminOrderRows.AddTypeAsync(_factory, "Retired", AssignmentModel.CapacityPooled, capacity: 5, active: false);
        var theirs = await AdminOrderRows.AddTypeAsync(_factory, "Theirs", AssignmentModel.CapacityPooled, capacity: 5);
        await AdminOrderRows.AddRestrictedAdminAsync(_factory, "limited", mine, retired);
        using var console = await SignInAsync("limited");

        var (response, page) = await console.GetPageAsync("/ui/orders/new");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelectorAll("#order-type option").Select(o => o.TextContent).Should().Equal("Choose…", "Mine");
        ConsoleClient.FindForm(page, "order-for-user").Should().BeNull("the form comes after a type is chosen");

        var (chosen, form) = await console.GetPageAsync($"/ui/orders/new?type={mine.Id}");
        chosen.StatusCode.Should().Be(HttpStatusCode.OK);
        ConsoleClient.FindForm(form, "order-for-user").Should().NotBeNull();

        foreach (var id in new[] { theirs.Id, retired.Id, 999999 })
        {
            var (missing, missingPage) = await console.GetPageAsync($"/ui/orders/new?type={id}");
            missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            ErrorAt(missingPage, "order-type").Should().Contain("no active asset type");
            ConsoleClient.FindForm(missingPage, "order-for-user").Should().BeNull();
        }
    }

    [Fact]
    public async Task Helpdesk_CannotOpenTheForm_OrSeeTheLink()
    {
        using var console = await SignInAsync("desk");

        var (form, _) = await console.GetPageAsync("/ui/orders/new");
        var (_, list) = await console.GetPageAsync("/ui/orders");

        form.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        list.QuerySelector("a[href='/ui/orders/new']").Should().BeNull();
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var type = await AddWorkstationTypeAsync();
        using var console = await SignInAsync("ops");

        var (response, _) = await console.PostAsync($"/ui/orders/new?type={type.Id}", [
            new("_handler", "order-for-user"), new("Input.TypeId", type.Id.ToString()), new("Input.Requester", "ada@example.com"),
            new("Input.From", DateTime.UtcNow.ToString("yyyy-MM-dd")), new("Input.Until", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd")),
            new("attr:size", "small"), new("Input.Justification", "x")]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<Order>().CountAsync()).Should().Be(0);
    }

    private Task<Features.Catalog.AssetType> AddWorkstationTypeAsync() =>
        AdminOrderRows.AddTypeAsync(_factory, "Workstation", AssignmentModel.CapacityPooled, capacity: 5, configure: t =>
        {
            t.AttributesJson = JsonColumn.Write(Schema);
            t.CollectJustification = true;
            t.JustificationRequired = true;
            t.AllowRdpUsers = true;
        });

    private async Task<ConsoleClient> SignInAsync(string username)
    {
        var console = ConsoleClient.For(_factory);
        await console.SignInAsync(username, AccessFixtures.Password);
        return console;
    }

    private static string ErrorAt(AngleSharp.Html.Dom.IHtmlDocument page, string id) =>
        page.GetElementById(id)?.Closest(".field")?.QuerySelector(".field-error")?.TextContent
        ?? throw new InvalidOperationException($"No error at #{id}:\n{page.QuerySelector("main")?.InnerHtml}");
}
