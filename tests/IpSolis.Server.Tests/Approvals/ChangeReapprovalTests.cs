using System.Net;
using System.Net.Http.Json;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Approvals;
using IpSolis.Server.Tests.Orders;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>An extension of an order whose type needs approval is approved again before it changes anything.</summary>
public sealed class ChangeReapprovalTests : IAsyncLifetime
{
    private OrderHost _host = null!;

    public async Task InitializeAsync() => _host = await OrderHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Extend_OrderOfATypeNeedingOwners_WaitsForTheOwnersAgainAndLeavesTheOrderAsItIs()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "Reapproved VDI", ApprovalFixtures.Owners(1));
        await _host.AddAssetsAsync(type.Id, 1, "REAPP");
        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);
        var first = (await ApprovalFixtures.RowsAsync(_host, orderId)).Single();
        var decisions = _host.Services.GetRequiredService<ApprovalDecisions>();
        (await decisions.DecideAsync(first.Id, first.ApproverEmail, ApprovalFixtures.PortalActor(first.ApproverEmail), true, null, CancellationToken.None)).Succeeded.Should().BeTrue();
        var provisioned = await _host.WaitForStatusAsync(orderId, OrderStatus.Provisioned, TimeSpan.FromSeconds(60));

        var response = await _host.Api.PostAsJsonAsync($"/api/v1/orders/{orderId}/change", new { until = provisioned.RequestedUntil.AddDays(10).ToString("O") });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var change = await OrderHost.JsonAsync(response);
        change.GetProperty("status").GetString().Should().Be("pending_approval");
        var changeId = change.GetProperty("id").GetInt64();
        (await ApprovalFixtures.RowsAsync(_host, changeId)).Should().ContainSingle().Which.Status.Should().Be(ApprovalState.Pending);
        (await _host.OrderAsync(orderId)).RequestedUntil.Should().Be(provisioned.RequestedUntil, "nothing changes before the change is approved");
    }
}
