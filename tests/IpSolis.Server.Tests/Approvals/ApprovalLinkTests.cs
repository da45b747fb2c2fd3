using System.Net;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Approvals;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Orders;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>
/// One-click links: the token is bound to its purpose, row, approver and expiry and signed; a good link shows the
/// order and decides only on POST with antiforgery; a used, expired, foreign or tampered link changes nothing.
/// </summary>
public sealed class ApprovalLinkTests : IAsyncLifetime
{
    private OrderHost _host = null!;

    public async Task InitializeAsync() => _host = await OrderHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ApprovalLinks Links => _host.Services.GetRequiredService<ApprovalLinks>();

    private async Task<(long OrderId, OrderApproval Row)> PendingRowAsync(string name)
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, name, ApprovalFixtures.Owners(1));
        await _host.AddAssetsAsync(type.Id, 1, name.Replace(' ', '-'));
        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);
        return (orderId, (await ApprovalFixtures.RowsAsync(_host, orderId)).Single());
    }

    [Fact]
    public void Verify_TokenItIssued_NamesTheRowAndApprover()
    {
        var token = Links.Issue(42, "Ann@Example.com", DateTimeOffset.UtcNow.AddDays(1));

        var link = Links.Verify(token, DateTimeOffset.UtcNow);

        link.Succeeded.Should().BeTrue();
        link.Value.ApprovalId.Should().Be(42);
        link.Value.ApproverEmail.Should().Be("ann@example.com");
    }

    [Fact]
    public void Verify_TamperedOtherPurposeOrExpiredTokens_AreRefused()
    {
        var now = DateTimeOffset.UtcNow;
        var token = Links.Issue(42, "ann@example.com", now.AddDays(1));
        var forged = Links.Issue(43, "ann@example.com", now.AddDays(1));
        var swapped = forged[..forged.IndexOf('.')] + token[token.IndexOf('.')..];

        Links.Verify(swapped, now).Errors.Single().Code.Should().Be(ApprovalLinks.InvalidCode, "a payload with another row's signature");
        Links.Verify(token[..^2] + (token[^2] == 'A' ? "BB" : "AA"), now).Errors.Single().Code.Should().Be(ApprovalLinks.InvalidCode);
        Links.Verify(Links.Sign("unsubscribe", 42, "ann@example.com", now.AddDays(1)), now).Errors.Single().Code.Should().Be(ApprovalLinks.InvalidCode);
        Links.Verify("not-a-token", now).Errors.Single().Code.Should().Be(ApprovalLinks.InvalidCode);
        Links.Verify(token, now.AddDays(2)).Errors.Single().Code.Should().Be(ApprovalLinks.ExpiredCode);
    }

    [Fact]
    public async Task OpenLink_ShowsTheOrderAndChangesNothingUntilThePost()
    {
        var (orderId, row) = await PendingRowAsync("Link VDI");
        var token = Links.Issue(row.Id, row.ApproverEmail, DateTimeOffset.UtcNow.AddDays(14));
        using var client = ConsoleClient.For(_host.Factory);

        var (response, page) = await client.GetPageAsync($"/approve/{token}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Body!.TextContent.Should().Contain("Link VDI").And.Contain("ann@example.com");
        ConsoleClient.FindForm(page, "approval-link").Should().NotBeNull();
        (await ApprovalFixtures.RowsAsync(_host, orderId)).Single().Status.Should().Be(ApprovalState.Pending);
    }

    [Fact]
    public async Task PostLink_Approve_DecidesOnceAndTheReplayIsGone()
    {
        var (orderId, row) = await PendingRowAsync("Replay VDI");
        var token = Links.Issue(row.Id, row.ApproverEmail, DateTimeOffset.UtcNow.AddDays(14));
        using var client = ConsoleClient.For(_host.Factory);

        var (posted, page) = await client.SubmitAsync($"/approve/{token}", "approval-link", new Dictionary<string, string>
        {
            ["Form.Decision"] = "approve",
            ["Form.Comment"] = "<b>ok</b>",
        });

        posted.StatusCode.Should().Be(HttpStatusCode.OK, page.Body?.TextContent);
        var decided = (await ApprovalFixtures.RowsAsync(_host, orderId)).Single();
        decided.Status.Should().Be(ApprovalState.Approved);
        decided.Comment.Should().Be("<b>ok</b>");
        (await _host.OrderAsync(orderId)).Status.Should().NotBe(OrderStatus.PendingApproval);

        var (again, againPage) = await client.GetPageAsync($"/approve/{token}");
        again.StatusCode.Should().Be(HttpStatusCode.Gone);
        ConsoleClient.FindForm(againPage, "approval-link").Should().BeNull();
    }

    [Fact]
    public async Task PostLink_WithoutAntiforgery_IsRefusedAndChangesNothing()
    {
        var (orderId, row) = await PendingRowAsync("Forged post");
        var token = Links.Issue(row.Id, row.ApproverEmail, DateTimeOffset.UtcNow.AddDays(14));
        using var client = ConsoleClient.For(_host.Factory);

        var (posted, _) = await client.PostAsync($"/approve/{token}", [new("_handler", "approval-link"), new("Form.Decision", "approve")]);

        posted.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApprovalFixtures.RowsAsync(_host, orderId)).Single().Status.Should().Be(ApprovalState.Pending);
    }

    [Fact]
    public async Task OpenLink_ExpiredTamperedOrForAnotherApprover_ShowsWhyAndOffersNoForm()
    {
        var (orderId, row) = await PendingRowAsync("Bad links");
        using var client = ConsoleClient.For(_host.Factory);
        var expired = Links.Issue(row.Id, row.ApproverEmail, DateTimeOffset.UtcNow.AddSeconds(-1));
        var foreign = Links.Issue(row.Id, "mallory@example.com", DateTimeOffset.UtcNow.AddDays(1));
        var good = Links.Issue(row.Id, row.ApproverEmail, DateTimeOffset.UtcNow.AddDays(1));

        var (expiredResponse, expiredPage) = await client.GetPageAsync($"/approve/{expired}");
        expiredResponse.StatusCode.Should().Be(HttpStatusCode.Gone);
        expiredPage.Body!.TextContent.Should().Contain("expired");
        (await client.GetPageAsync($"/approve/{foreign}")).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetPageAsync($"/approve/{good[..^3]}xyz")).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApprovalFixtures.RowsAsync(_host, orderId)).Single().Status.Should().Be(ApprovalState.Pending);
    }
}
