using System.Net;
using System.Text.Json;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.PersonDirectory;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Portal;

/// <summary>The portal order form: typed attributes, the session's identity, inline errors, antiforgery.</summary>
public sealed class PortalOrderFormTests : IAsyncLifetime
{
    private static readonly string Today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private PortalHost _host = null!;
    private AssetType _vdi = null!;

    public async Task InitializeAsync()
    {
        _host = await PortalHost.StartAsync();
        _vdi = await _host.AddTypeAsync("VDI Power", t =>
        {
            t.MaximumLifetimeDays = 90;
            t.CollectJustification = true;
            t.JustificationRequired = true;
            t.AllowRdpUsers = true;
            t.Attributes =
            [
                new AttributeDefinition("size", "Size", AttributeType.Enum) { Required = true, DefaultValue = "M", Options = ["S", "M", "L"] },
                new AttributeDefinition("cores", "Cores", AttributeType.Int) { Validation = new AttributeValidation(Min: 1, Max: 16) },
                new AttributeDefinition("gpu", "GPU", AttributeType.Bool) { DefaultValue = "false" },
                new AttributeDefinition("gpu_model", "GPU model", AttributeType.Enum)
                {
                    Required = true, Options = ["A10", "T4"], VisibleWhen = new AttributeCondition("gpu", "true"),
                },
                new AttributeDefinition("tools", "Tools", AttributeType.MultiEnum) { Options = ["git", "docker", "node"] },
                new AttributeDefinition("cost_centre", "Cost centre", AttributeType.String)
                {
                    Required = true, Classification = Classification.Pii, Validation = new AttributeValidation(Pattern: @"\d{4}"),
                },
            ];
        });
        await _host.AddAssetsAsync(_vdi.Id, 2, "VDIP");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string FormPath => $"/portal/orders/new?type={_vdi.Id}";

    private static Dictionary<string, string> ValidFields(string from, string until) => new()
    {
        ["from"] = from,
        ["until"] = until,
        ["attr_size"] = "L",
        ["attr_cores"] = "4",
        ["attr_cost_centre"] = "1234",
        ["justification"] = "Builds for the new product line",
        ["rdpUsers"] = "ben.keller@example.com\r\n  carla.m@example.com ",
    };

    [Fact]
    public async Task TheForm_OffersEachAttributeAsItsType_WithDefaultsHintsAndBadges()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (response, page) = await browser.GetPageAsync(FormPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var form = ConsoleClient.FindForm(page, "order")!;
        form.QuerySelector("select[name='attr_size'] option[selected]")!.GetAttribute("value").Should().Be("M");
        form.QuerySelector("input[name='attr_cores']")!.GetAttribute("type").Should().Be("number");
        form.QuerySelector("input[name='attr_cores']")!.GetAttribute("max").Should().Be("16");
        form.QuerySelector("input[name='attr_gpu']")!.GetAttribute("type").Should().Be("checkbox");
        form.QuerySelector("input[name='attr_gpu']")!.HasAttribute("checked").Should().BeFalse();
        var gpuModel = form.QuerySelector("[data-attribute='gpu_model']")!;
        gpuModel.GetAttribute("data-visible-when-field").Should().Be("gpu");
        gpuModel.GetAttribute("data-visible-when-value").Should().Be("true");
        gpuModel.QuerySelector(".field-hint")!.TextContent.Should().Be("Only needed when GPU is true.");
        form.QuerySelectorAll("input[name='attr_tools'][type='checkbox']").Should().HaveCount(3);
        form.QuerySelector("[data-attribute='cost_centre'] .classification")!.TextContent.Should().StartWith("PII");
        form.QuerySelector("input[name='from']")!.GetAttribute("value").Should().Be(Today);
        form.QuerySelector("input[name='until']")!.GetAttribute("value").Should().Be(DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        form.QuerySelector("textarea[name='justification']").Should().NotBeNull();
        page.QuerySelector("label[for='order-justification'] .field-required").Should().NotBeNull("a required justification is marked");
        form.QuerySelector("textarea[name='rdpUsers']").Should().NotBeNull();
        form.QuerySelector("textarea[name='adminUsers']").Should().BeNull("the type does not take admin users");
        form.QuerySelectorAll("input, textarea, select").Select(i => i.GetAttribute("name"))
            .Should().NotContain(n => n != null && (n.Contains("requester", StringComparison.OrdinalIgnoreCase) || n == "email"), "the identity comes from the session");
        page.QuerySelector("#order-until")!.ParentElement!.QuerySelector(".field-hint")!.TextContent.Should().Contain("90 days");
    }

    [Fact]
    public async Task Placing_OrdersForTheSessionPerson_EvenWhenAnotherRequesterIsPosted()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var forged = new List<KeyValuePair<string, string>>
        {
            new("requesterEmail", PortalHost.Ben), new("email", PortalHost.Ben), new("user_email", PortalHost.Ben),
            new("Input.RequesterEmail", PortalHost.Ben), new("attr_tools", "git"), new("attr_tools", "docker"),
            // Hidden (GPU is not ticked): ignored rather than refused.
            new("attr_gpu_model", "T4"),
        };

        var (response, _) = await browser.SubmitAsync(FormPath, "order", ValidFields(Today, DateTimeOffset.UtcNow.AddDays(20).ToString("yyyy-MM-dd")), forged);

        var id = PortalHost.PlacedOrderId(response);
        var order = await _host.OrderAsync(id);
        order.RequesterEmail.Should().Be(PortalHost.Anna);
        order.RequesterName.Should().Be("Anna Schmidt");
        order.PlacedBy.Should().Be("portal:user:" + PortalHost.Anna);
        order.Source.Should().Be("portal");
        order.RequestedFrom.Should().Be(OrderDates.StartOfDay(DateTimeOffset.UtcNow));
        order.RdpUsers.Should().Equal("ben.keller@example.com", "carla.m@example.com");
        order.Justification.Should().Be("Builds for the new product line");
        JsonDocument.Parse(order.AttributesJson).RootElement.GetRawText().Should()
            .Be("""{"cores":4,"cost_centre":"1234","gpu":false,"size":"L","tools":["git","docker"]}""");
        var placed = (await AccessFixtures.AuditAsync(_host.Factory)).Single(e => e.Action == "order.placed");
        placed.Actor.Should().Be("portal:user:" + PortalHost.Anna);
        (await _host.QueryAsync(db => db.Set<Order>().Where(o => o.RequesterEmail == PortalHost.Ben))).Should().BeEmpty();

        var (detail, page) = await browser.GetPageAsync(ConsoleClient.RedirectTarget(response));
        detail.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".alert-success .alert-title")!.TextContent.Should().Be("Order placed");
    }

    [Fact]
    public async Task Placing_WithErrors_ShowsTheFormAgainWith422_TheValuesAndAMessageAtEachField()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var fields = ValidFields(Today, Today);
        fields["attr_cores"] = "many";
        fields["attr_cost_centre"] = "";
        fields["justification"] = " ";
        fields["ownerEmail"] = "not-an-email";
        fields["attr_gpu"] = "true";

        var (response, page) = await browser.SubmitAsync(FormPath, "order", fields);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        string? ErrorAt(string wrapper) => page.QuerySelector(wrapper)?.QuerySelector(".field-error")?.TextContent;
        ErrorAt("[data-attribute='cores']").Should().Contain("whole number");
        ErrorAt("[data-attribute='cost_centre']").Should().Contain("required");
        ErrorAt("[data-attribute='gpu_model']").Should().Contain("required", "GPU is ticked, so its model is asked for");
        page.QuerySelector("#order-until-error")!.TextContent.Should().Contain("after the start");
        page.QuerySelector("#order-justification-error").Should().NotBeNull();
        page.QuerySelector("#order-owner-error").Should().NotBeNull();
        page.QuerySelector("#order-owner")!.GetAttribute("aria-invalid").Should().Be("true");
        page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).Should().Contain(["#attr-cores", "#order-until", "#order-owner"]);
        page.QuerySelector("#attr-cores")!.GetAttribute("value").Should().Be("many");
        page.QuerySelector("#order-owner")!.GetAttribute("value").Should().Be("not-an-email");
        page.QuerySelector("#attr-size option[selected]")!.GetAttribute("value").Should().Be("L");
        page.QuerySelector("#attr-gpu")!.HasAttribute("checked").Should().BeTrue();
        page.QuerySelector("#order-rdp")!.TextContent.Should().Contain("carla.m@example.com");
        (await _host.QueryAsync(db => db.Set<Order>())).Should().BeEmpty();
    }

    [Fact]
    public async Task Placing_WhenNoneIsFree_ShowsWhyWith409_AndKeepsTheValues()
    {
        var empty = await _host.AddTypeAsync("VDI Empty");
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (response, page) = await browser.SubmitAsync($"/portal/orders/new?type={empty.Id}", "order", new Dictionary<string, string>
        {
            ["from"] = Today,
            ["until"] = DateTimeOffset.UtcNow.AddDays(5).ToString("yyyy-MM-dd"),
            ["ownerEmail"] = PortalHost.Ben,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        page.QuerySelector(".error-summary")!.TextContent.Should().Contain("No VDI Empty is free");
        page.QuerySelector("#order-owner")!.GetAttribute("value").Should().Be(PortalHost.Ben);
    }

    [Fact]
    public async Task Placing_ForALaterDay_SaysWhenItStarts()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1);

        var (response, _) = await browser.SubmitAsync(FormPath, "order",
            ValidFields(tomorrow.ToString("yyyy-MM-dd"), tomorrow.AddDays(10).ToString("yyyy-MM-dd")));

        var id = PortalHost.PlacedOrderId(response);
        (await _host.OrderAsync(id)).Status.Should().Be(OrderStatus.Scheduled);
        var (_, page) = await browser.GetPageAsync(ConsoleClient.RedirectTarget(response));
        page.QuerySelector(".alert-success")!.TextContent.Should().Contain("scheduled to start on " + tomorrow.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")));
        page.QuerySelector(".order-banner .order-status-scheduled").Should().NotBeNull();
    }

    [Fact]
    public async Task Placing_WithoutTheAntiforgeryToken_IsRefused_AndOrdersNothing()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var fields = ValidFields(Today, DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd"));
        var values = new List<KeyValuePair<string, string>>(fields) { new("_handler", "order") };

        var (response, _) = await browser.PostAsync(FormPath, values);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _host.QueryAsync(db => db.Set<Order>())).Should().BeEmpty();
    }

    [Fact]
    public async Task TheForm_OfATypeForAnotherGroup_Refuses_WithoutAForm()
    {
        await DirectoryFixtures.AddGroupAsync(_host.Factory, "traders");
        var desk = await _host.AddTypeAsync("Trading Desk", t => t.EligibleGroup = "traders");
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (response, page) = await browser.GetPageAsync($"/portal/orders/new?type={desk.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        page.QuerySelector(".alert-warning")!.TextContent.Should().Contain("members of a particular group");
        ConsoleClient.FindForm(page, "order").Should().BeNull();
    }

    [Fact]
    public async Task TheForm_OfAnUnknownOrInactiveType_IsNotFound()
    {
        var retired = await _host.AddTypeAsync("Retired", t => t.IsActive = false);
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        (await browser.GetPageAsync($"/portal/orders/new?type={retired.Id}")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await browser.GetPageAsync("/portal/orders/new?type=987654")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await browser.GetPageAsync("/portal/orders/new")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
