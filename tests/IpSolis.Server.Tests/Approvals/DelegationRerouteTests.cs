using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Approvals;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>
/// Pending approvals move to the delegate when a window starts: at once for a window saved running, by the recurring
/// job for one that starts later. The delegate is asked with a link of their own, the move is audited, and their
/// decision records on whose behalf it was taken.
/// </summary>
public sealed class DelegationRerouteTests : IAsyncLifetime
{
    private ApprovalFollowUpHost _host = null!;

    public async Task InitializeAsync() => _host = await ApprovalFollowUpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly AuditActor Admin = new("admin:session:operator:admin");

    [Fact]
    public async Task AWindowSavedRunning_ReroutesPendingRowsAtOnce_AndTheDecisionRecordsOnBehalfOf()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host.Orders, "Rerouted VDI", ApprovalFixtures.Owners(2), quorum: 2);
        await _host.Orders.AddAssetsAsync(type.Id, 1, "REROUTE");
        var orderId = await _host.PlacePendingAsync(type.Id);
        var rows = await ApprovalFixtures.RowsAsync(_host.Orders, orderId);
        var windows = _host.Services.GetRequiredService<DelegationWindows>();

        var created = await windows.CreateAsync("owner1@example.com", "dana@example.com", "Dana Deputy", _host.Clock.Now, _host.Clock.Now.AddDays(3), Admin, CancellationToken.None);
        created.Succeeded.Should().BeTrue();

        OrderApproval moved = null!;
        await Jobs.WorkerNodes.WaitUntilAsync(async () =>
            (moved = (await ApprovalFixtures.RowsAsync(_host.Orders, orderId)).Single(r => r.Id == rows[0].Id)).ApproverEmail == "dana@example.com",
            TimeSpan.FromSeconds(30), "the pending row to move to the delegate");
        moved.OnBehalfOfEmail.Should().Be("owner1@example.com");
        moved.OnBehalfOfName.Should().Be("Owner 1");
        (await ApprovalFixtures.RowsAsync(_host.Orders, orderId)).Single(r => r.Id == rows[1].Id).ApproverEmail.Should().Be("owner2@example.com", "owner 2 is not away");
        var request = (await _host.MailsAsync("approval_request", orderId)).Should().ContainSingle(m => m.Recipient == "dana@example.com").Subject;
        var link = ApprovalFollowUpHost.LinkIn(request);
        _host.Services.GetRequiredService<ApprovalLinks>().Verify(link["/approve/".Length..], _host.Clock.Now).Value.ApproverEmail.Should().Be("dana@example.com");
        (await _host.AuditAsync("approval.rerouted")).Should().ContainSingle().Which.NewValues.Should().Contain("owner1@example.com");

        var stale = await Decisions().DecideAsync(rows[0].Id, "owner1@example.com", ApprovalFixtures.PortalActor("owner1@example.com"), approve: true, null, CancellationToken.None);
        stale.Succeeded.Should().BeFalse("the row is the delegate's now");
        var decided = await Decisions().DecideAsync(rows[0].Id, "dana@example.com", ApprovalFixtures.PortalActor("dana@example.com"), approve: true, "For Owner 1", CancellationToken.None);
        decided.Succeeded.Should().BeTrue();
        var audit = (await _host.AuditAsync("approval.approved")).Should().ContainSingle().Subject;
        audit.Actor.Should().Be("portal:user:dana@example.com");
        audit.NewValues.Should().Contain("\"onBehalfOf\":\"owner1@example.com\"");
    }

    [Fact]
    public async Task AWindowStartingLater_IsAppliedByTheJobWhenItStarts_AndNeverChains()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host.Orders, "Later VDI", ApprovalFixtures.Owners(1));
        await _host.Orders.AddAssetsAsync(type.Id, 1, "LATER");
        var orderId = await _host.PlacePendingAsync(type.Id);
        var windows = _host.Services.GetRequiredService<DelegationWindows>();
        (await windows.CreateAsync("owner1@example.com", "dana@example.com", null, _host.Clock.Now.AddHours(2), _host.Clock.Now.AddDays(2), Admin, CancellationToken.None))
            .Succeeded.Should().BeTrue();

        await _host.RunJobAsync(DelegationReroute.Kind);
        (await ApprovalFixtures.RowsAsync(_host.Orders, orderId)).Single().ApproverEmail.Should().Be("owner1@example.com", "the window has not started");

        _host.Clock.Advance(TimeSpan.FromHours(2));
        await _host.RunJobAsync(DelegationReroute.Kind);
        var row = (await ApprovalFixtures.RowsAsync(_host.Orders, orderId)).Single();
        row.ApproverEmail.Should().Be("dana@example.com");
        row.OnBehalfOfEmail.Should().Be("owner1@example.com");

        // Dana goes away later too: her window begins after owner 1's ends, so the row, already delegated, stays with her.
        (await windows.CreateAsync("dana@example.com", "omar@example.com", null, _host.Clock.Now.AddDays(3), _host.Clock.Now.AddDays(5), Admin, CancellationToken.None))
            .Succeeded.Should().BeTrue();
        _host.Clock.Advance(TimeSpan.FromDays(3));
        await _host.RunJobAsync(DelegationReroute.Kind);
        (await ApprovalFixtures.RowsAsync(_host.Orders, orderId)).Single().ApproverEmail.Should().Be("dana@example.com", "delegations do not chain");
        (await _host.Orders.OrderAsync(orderId)).Status.Should().Be(OrderStatus.PendingApproval);
        (await _host.AuditAsync("approval.rerouted")).Should().ContainSingle();
    }

    private ApprovalDecisions Decisions() => _host.Services.GetRequiredService<ApprovalDecisions>();
}
