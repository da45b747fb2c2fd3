using System.Net.Http.Json;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Approvals;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Orders;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>
/// Decisions through the one decision service every surface uses: quorum, veto, separation of duties, forced
/// decisions, and the race of many approvers deciding one order at once (run on SQLite and on PostgreSQL).
/// </summary>
public sealed class ApprovalDecisionTests : IAsyncLifetime
{
    private OrderHost _host = null!;

    public async Task InitializeAsync() => _host = await OrderHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ApprovalDecisions Decisions => _host.Services.GetRequiredService<ApprovalDecisions>();

    [Fact]
    public async Task Approve_20ApproversOfA2Of20OrderInParallel_DispatchesTheOrderExactlyOnce()
    {
        var owners = ApprovalFixtures.Owners(20);
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "Race approval", owners, quorum: 2);
        await _host.AddAssetsAsync(type.Id, 1, "RACEAPP");
        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);
        var rows = await ApprovalFixtures.RowsAsync(_host, orderId);

        var results = await Task.WhenAll(rows.Select(r => Task.Run(() =>
            Decisions.DecideAsync(r.Id, r.ApproverEmail, ApprovalFixtures.PortalActor(r.ApproverEmail), approve: true, "fine", CancellationToken.None))));

        results.Count(r => r.Succeeded).Should().Be(2, "the second approval meets the quorum and closes the other rows");
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Errors[0].Code == ApprovalErrors.AlreadyDecidedCode);
        results.Count(r => r.Succeeded && r.Value.Outcome == ApprovalOutcome.Approved).Should().Be(1);
        var after = await ApprovalFixtures.RowsAsync(_host, orderId);
        after.Count(r => r.Status == ApprovalState.Approved).Should().Be(2);
        after.Count(r => r.Status == ApprovalState.Superseded).Should().Be(18);
        var jobs = await _host.QueryAsync(db => db.Set<Job>().Where(j => j.Kind == OrderRunner.Kind));
        jobs.Count(j => RunsOrder(j, orderId)).Should().Be(1, "the order is dispatched once");
        (await _host.QueryAsync(db => db.Set<AuditEntry>().Where(e => e.Action == "order.approved" && e.EntityId == orderId.ToString())))
            .Should().ContainSingle();
        await _host.WaitForStatusAsync(orderId, OrderStatus.Provisioned, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Decline_ByOneOwner_RejectsTheOrderWithTheReasonReleasesTheAssetAndClosesTheOtherRows()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "Declined VDI", ApprovalFixtures.Owners(3));
        var asset = (await _host.AddAssetsAsync(type.Id, 1, "DECL"))[0];
        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);
        (await _host.AssetAsync(asset.Id)).Status.Should().Be(PoolAssetStatus.Reserved);
        var rows = await ApprovalFixtures.RowsAsync(_host, orderId);

        var result = await Decisions.DecideAsync(rows[1].Id, "OWNER2@example.com", ApprovalFixtures.PortalActor("owner2@example.com"), approve: false, "Not in budget", CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        var order = await _host.OrderAsync(orderId);
        order.Status.Should().Be(OrderStatus.Rejected);
        order.ErrorMessage.Should().Be("Declined by Owner 2: Not in budget");
        var released = await _host.AssetAsync(asset.Id);
        released.Status.Should().Be(PoolAssetStatus.Free);
        released.CurrentOrderId.Should().BeNull();
        var after = await ApprovalFixtures.RowsAsync(_host, orderId);
        after.Select(r => r.Status).Should().Equal(ApprovalState.Superseded, ApprovalState.Declined, ApprovalState.Superseded);
        var audit = await _host.QueryAsync(db => db.Set<AuditEntry>().Where(e => e.Action == "approval.declined" && e.EntityId == rows[1].Id.ToString()));
        audit.Should().ContainSingle().Which.Actor.Should().Be("portal:user:owner2@example.com");
        audit[0].NewValues.Should().Contain("Not in budget");
    }

    [Fact]
    public async Task Decisions_TellTheRequester_WhoDeclinedAndWhy_OrThatItWasApproved()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "Told VDI", ApprovalFixtures.Owners(1));
        await _host.AddAssetsAsync(type.Id, 2, "TOLD");
        var declinedOrder = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);
        var approvedOrder = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);

        var declineRow = (await ApprovalFixtures.RowsAsync(_host, declinedOrder)).Single();
        (await Decisions.DecideAsync(declineRow.Id, "owner1@example.com", ApprovalFixtures.PortalActor("owner1@example.com"), approve: false, "Use <the pool>", CancellationToken.None)).Succeeded.Should().BeTrue();
        var approveRow = (await ApprovalFixtures.RowsAsync(_host, approvedOrder)).Single();
        (await Decisions.DecideAsync(approveRow.Id, "owner1@example.com", ApprovalFixtures.PortalActor("owner1@example.com"), approve: true, null, CancellationToken.None)).Succeeded.Should().BeTrue();

        var requester = (await _host.OrderAsync(declinedOrder)).RequesterEmail;
        var mails = await _host.QueryAsync(db => db.Set<Features.Notifications.NotificationMessage>().Where(m => m.Recipient == requester));
        var declined = mails.Should().ContainSingle(m => m.TemplateKey == "approval_declined" && m.Reference == "order:" + declinedOrder).Subject;
        declined.HtmlBody.Should().Contain("Owner 1").And.Contain("Use &lt;the pool&gt;", "the reason is shown, escaped");
        mails.Should().ContainSingle(m => m.TemplateKey == "approval_granted" && m.Reference == "order:" + approvedOrder);
        mails.Where(m => m.TemplateKey == "order_confirmation").Should().HaveCount(2, "each placed order was confirmed to its requester");
    }

    [Fact]
    public async Task Decline_WithoutComment_SaysNoReasonWasGiven()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "Silent decline", ApprovalFixtures.Owners(1));
        await _host.AddAssetsAsync(type.Id, 1, "SILENT");
        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);
        var row = (await ApprovalFixtures.RowsAsync(_host, orderId)).Single();

        (await Decisions.DecideAsync(row.Id, row.ApproverEmail, ApprovalFixtures.PortalActor(row.ApproverEmail), false, "  ", CancellationToken.None)).Succeeded.Should().BeTrue();

        (await _host.OrderAsync(orderId)).ErrorMessage.Should().Be("Declined by Owner 1: no reason given");
    }

    [Fact]
    public async Task Decide_SomeoneElsesRow_IsNotFoundAndChangesNothing()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "Foreign row", ApprovalFixtures.Owners(2));
        await _host.AddAssetsAsync(type.Id, 1, "FOREIGN");
        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);
        var rows = await ApprovalFixtures.RowsAsync(_host, orderId);

        var result = await Decisions.DecideAsync(rows[0].Id, "owner2@example.com", ApprovalFixtures.PortalActor("owner2@example.com"), true, null, CancellationToken.None);

        result.Errors.Should().ContainSingle().Which.Code.Should().Be("approval.not_found");
        (await ApprovalFixtures.RowsAsync(_host, orderId)).Should().OnlyContain(r => r.Status == ApprovalState.Pending);
    }

    [Fact]
    public async Task Approve_ByWhoeverConfiguredTheType_IsRefusedForSeparationOfDutiesButDeclineIsAllowed()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "SoD VDI", ApprovalFixtures.Owners(2));
        await _host.AddAssetsAsync(type.Id, 1, "SOD");
        await ApprovalFixtures.RecordConfigurerAsync(_host, type.Id, AuditActor.AdminSession("owner1@example.com", "admin", null));
        // A configurer whose name merely contains an approver's is not them: the match is on whole identities.
        await ApprovalFixtures.RecordConfigurerAsync(_host, type.Id, AuditActor.AdminSession("x-owner2@example.com", "admin", null));
        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);
        var rows = await ApprovalFixtures.RowsAsync(_host, orderId);

        var refused = await Decisions.DecideAsync(rows[0].Id, rows[0].ApproverEmail, ApprovalFixtures.PortalActor(rows[0].ApproverEmail), true, null, CancellationToken.None);
        refused.Errors.Should().ContainSingle().Which.Code.Should().Be("approval.separation_of_duties");
        (await ApprovalFixtures.RowsAsync(_host, orderId)).Should().OnlyContain(r => r.Status == ApprovalState.Pending);

        (await Decisions.DecideAsync(rows[1].Id, rows[1].ApproverEmail, ApprovalFixtures.PortalActor(rows[1].ApproverEmail), true, null, CancellationToken.None))
            .Succeeded.Should().BeTrue("owner2 did not configure the type");
        (await Decisions.DecideAsync(rows[0].Id, rows[0].ApproverEmail, ApprovalFixtures.PortalActor(rows[0].ApproverEmail), false, "conflicted", CancellationToken.None))
            .Succeeded.Should().BeTrue("declining is always allowed");
        (await _host.OrderAsync(orderId)).Status.Should().Be(OrderStatus.Rejected);
    }

    [Fact]
    public async Task ForceDecide_BySuperadmin_ApprovesForTheApproverAndIsAuditedAsForced()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "Forced VDI", ApprovalFixtures.Owners(1));
        await _host.AddAssetsAsync(type.Id, 1, "FORCED");
        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);
        var row = (await ApprovalFixtures.RowsAsync(_host, orderId)).Single();

        var (_, adminToken) = await AccessFixtures.AddTokenAsync(_host.Factory, _host.Admin, Domain.Access.AdminRole.Admin, ["orders:write", "orders:read"], "plain admin");
        using var admin = AccessFixtures.ApiClient(_host.Factory, adminToken);
        (await admin.PostAsJsonAsync($"/api/v1/approvals/{row.Id}/force-decision", new { decision = "approve" }))
            .StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden, "forcing a decision takes the superadmin role");
        var (_, superToken) = await AccessFixtures.AddTokenAsync(_host.Factory, _host.Admin, Domain.Access.AdminRole.Superadmin, ["orders:write", "orders:read"], "superadmin");
        using var super = AccessFixtures.ApiClient(_host.Factory, superToken);

        var response = await super.PostAsJsonAsync($"/api/v1/approvals/{row.Id}/force-decision", new { decision = "approve", comment = "Owner is away" });

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var decided = (await ApprovalFixtures.RowsAsync(_host, orderId)).Single();
        decided.Status.Should().Be(ApprovalState.Approved);
        decided.DecidedBy.Should().NotBeNull();
        (await _host.QueryAsync(db => db.Set<AuditEntry>().Where(e => e.Action == "approval.force_approved" && e.EntityId == row.Id.ToString())))
            .Should().ContainSingle();
        await _host.WaitForStatusAsync(orderId, OrderStatus.Provisioned, TimeSpan.FromSeconds(60));

        var again = await super.PostAsJsonAsync($"/api/v1/approvals/{row.Id}/force-decision", new { decision = "decline" });
        again.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
    }

    private static bool RunsOrder(Job job, long orderId)
    {
        using var document = System.Text.Json.JsonDocument.Parse(job.Payload);
        return document.RootElement.EnumerateObject().Any(p => string.Equals(p.Name, "orderId", StringComparison.OrdinalIgnoreCase) && p.Value.GetInt64() == orderId);
    }
}
