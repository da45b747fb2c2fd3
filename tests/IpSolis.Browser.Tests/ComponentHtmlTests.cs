using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Orders.Admin;
using IpSolis.Server.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpSolis.Browser.Tests;

/// <summary>The design-system components rendered to HTML on their own, for the states no current page shows.</summary>
public sealed class ComponentHtmlTests
{
    [Fact]
    public async Task Pagination_MarksCurrentPage_DisablesEnds_AndElidesDistantPages()
    {
        var html = await RenderAsync<Pagination>(new()
        {
            [nameof(Pagination.Page)] = 1,
            [nameof(Pagination.PageCount)] = 9,
            [nameof(Pagination.HrefFor)] = (Func<int, string>)(p => $"/ui/orders?page={p}"),
        });

        html.QuerySelector("[aria-current='page']")!.TextContent.Should().Be("1");
        html.QuerySelectorAll("a").Select(a => a.TextContent).Should().Equal("1", "2", "3", "9", "Next");
        html.QuerySelector("a[rel='next']")!.GetAttribute("href").Should().Be("/ui/orders?page=2");
        html.QuerySelector("[aria-disabled='true']")!.TextContent.Should().Be("Previous");
        html.TextContent.Should().Contain("…").And.Contain("Page 1 of 9");
    }

    [Fact]
    public async Task Pagination_RendersNothing_ForASinglePage()
    {
        var html = await RenderAsync<Pagination>(new()
        {
            [nameof(Pagination.Page)] = 1,
            [nameof(Pagination.PageCount)] = 1,
            [nameof(Pagination.HrefFor)] = (Func<int, string>)(p => $"?page={p}"),
        });

        html.QuerySelector("nav").Should().BeNull();
    }

    [Fact]
    public async Task FormField_TiesHintAndErrorToTheControl()
    {
        RenderFragment<string?> control = describedBy => builder =>
        {
            builder.OpenElement(0, "input");
            builder.AddAttribute(1, "id", "hostname");
            builder.AddAttribute(2, "aria-describedby", describedBy);
            builder.CloseElement();
        };

        var html = await RenderAsync<FormField>(new()
        {
            [nameof(FormField.For)] = "hostname",
            [nameof(FormField.Label)] = "Host name",
            [nameof(FormField.Hint)] = "As the VDI broker knows it.",
            [nameof(FormField.Error)] = "Host name is required.",
            [nameof(FormField.Required)] = true,
            [nameof(FormField.ChildContent)] = control,
        });

        html.QuerySelector(".field")!.ClassList.Should().Contain("has-error");
        html.QuerySelector("label")!.GetAttribute("for").Should().Be("hostname");
        html.QuerySelector("input")!.GetAttribute("aria-describedby").Should().Be("hostname-hint hostname-error");
        html.QuerySelector("#hostname-error")!.TextContent.Should().Be("Host name is required.");
        html.QuerySelector("#hostname-hint")!.TextContent.Should().Be("As the VDI broker knows it.");
    }

    [Fact]
    public async Task DataTable_ShowsEmptyState_SpanningEveryColumn()
    {
        RenderFragment header = builder => builder.AddMarkupContent(0, "<th>Name</th><th>State</th>");
        RenderFragment<string> row = item => builder => builder.AddMarkupContent(0, $"<td>{item}</td><td>ok</td>");

        var html = await RenderAsync<DataTable<string>>(new()
        {
            [nameof(DataTable<string>.Items)] = Array.Empty<string>(),
            [nameof(DataTable<string>.Header)] = header,
            [nameof(DataTable<string>.Row)] = row,
            [nameof(DataTable<string>.ColumnCount)] = 2,
            [nameof(DataTable<string>.EmptyTitle)] = "No orders yet",
        });

        var cell = html.QuerySelector("tr.empty-row td")!;
        cell.GetAttribute("colspan").Should().Be("2");
        cell.QuerySelector(".empty-state-title")!.TextContent.Should().Be("No orders yet");
    }

    [Theory]
    [InlineData(BadgeTone.Ok, "badge-ok")]
    [InlineData(BadgeTone.Degraded, "badge-degraded")]
    [InlineData(BadgeTone.Error, "badge-error")]
    [InlineData(BadgeTone.Neutral, "badge-neutral")]
    public async Task Badge_CarriesItsToneClass(BadgeTone tone, string cssClass)
    {
        RenderFragment text = builder => builder.AddContent(0, "state");

        var html = await RenderAsync<Badge>(new() { [nameof(Badge.Tone)] = tone, [nameof(Badge.ChildContent)] = text });

        html.QuerySelector(".badge")!.ClassList.Should().Contain(cssClass);
    }

    [Theory]
    [InlineData(OrderStatus.Failed, "badge-error", "failed")]
    [InlineData(OrderStatus.PendingApproval, "badge-degraded", "pending_approval")]
    [InlineData(OrderStatus.Provisioned, "badge-ok", "provisioned")]
    public async Task OrderStatusBadge_IsTheBadgeMarkup_AsTheOrderListRendersItPerRow(OrderStatus status, string cssClass, string text)
    {
        var html = await RenderAsync<OrderStatusBadge>(new() { [nameof(OrderStatusBadge.Status)] = status });

        var badge = html.QuerySelector("span.badge")!;
        badge.ClassList.Should().BeEquivalentTo(["badge", cssClass]);
        badge.TextContent.Should().Be(text);
    }

    [Fact]
    public async Task ErrorAlert_IsAnnounced_OtherAlertsAreNot()
    {
        var error = await RenderAsync<Alert>(new() { [nameof(Alert.Tone)] = AlertTone.Error, [nameof(Alert.Title)] = "Failed" });
        var info = await RenderAsync<Alert>(new() { [nameof(Alert.Tone)] = AlertTone.Info, [nameof(Alert.Title)] = "Note" });

        error.QuerySelector(".alert")!.GetAttribute("role").Should().Be("alert");
        info.QuerySelector(".alert")!.HasAttribute("role").Should().BeFalse();
        info.QuerySelector(".alert-title")!.TextContent.Should().Be("Note");
    }

    private static async Task<IElement> RenderAsync<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        var document = new HtmlParser().ParseDocument("<body></body>");
        document.Body!.InnerHtml = html;
        return document.Body;
    }
}
