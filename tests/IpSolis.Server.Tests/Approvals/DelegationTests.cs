using System.Net;
using System.Net.Http.Json;
using IpSolis.Server.Tests.Orders;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>Out-of-office delegations: validated when saved, and new approvals reach the delegate while they run.</summary>
public sealed class DelegationTests : IAsyncLifetime
{
    private OrderHost _host = null!;

    public async Task InitializeAsync() => _host = await OrderHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Place_WhileTheOwnerDelegates_AsksTheDelegateOnTheOwnersBehalf()
    {
        var now = DateTimeOffset.UtcNow;
        var created = await _host.Api.PostAsJsonAsync("/api/v1/approval-delegations", new
        {
            approverEmail = "owner1@example.com",
            delegateEmail = "deputy@example.com",
            delegateName = "Deputy",
            from = now.AddMinutes(-1),
            until = now.AddDays(7),
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "Delegated VDI", ApprovalFixtures.Owners(1));
        await _host.AddAssetsAsync(type.Id, 1, "DELEG");

        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);

        var row = (await ApprovalFixtures.RowsAsync(_host, orderId)).Should().ContainSingle().Subject;
        row.ApproverEmail.Should().Be("deputy@example.com");
        row.OnBehalfOfEmail.Should().Be("owner1@example.com");
    }

    [Fact]
    public async Task Create_OverlappingOrToSelf_IsRefusedNamingTheField()
    {
        var now = DateTimeOffset.UtcNow;
        (await _host.Api.PostAsJsonAsync("/api/v1/approval-delegations", new { approverEmail = "a@example.com", delegateEmail = "b@example.com", from = now, until = now.AddDays(3) }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var overlap = await _host.Api.PostAsJsonAsync("/api/v1/approval-delegations", new { approverEmail = "a@example.com", delegateEmail = "c@example.com", from = now.AddDays(1), until = now.AddDays(5) });
        var self = await _host.Api.PostAsJsonAsync("/api/v1/approval-delegations", new { approverEmail = "d@example.com", delegateEmail = "D@example.com", from = now, until = now.AddDays(1) });

        overlap.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OrderHost.JsonAsync(overlap)).GetProperty("errors").TryGetProperty("from", out _).Should().BeTrue();
        self.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OrderHost.JsonAsync(self)).GetProperty("errors").TryGetProperty("delegateEmail", out _).Should().BeTrue();
    }
}
