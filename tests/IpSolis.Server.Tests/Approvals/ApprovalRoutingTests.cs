using System.Net;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Approvals;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Tests.Orders;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>Placing an order routes it through its type's approval configuration in the placement transaction.</summary>
public sealed class ApprovalRoutingTests : IAsyncLifetime
{
    private OrderHost _host = null!;

    public async Task InitializeAsync() => _host = await OrderHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Place_TypeNeedingOwners_WaitsWithOnePendingRowPerOwnerAndItsFrozenQuorum()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "Owned VDI", ApprovalFixtures.Owners(3), quorum: 2);
        await _host.AddAssetsAsync(type.Id, 1, "OWNED");

        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);

        var rows = await ApprovalFixtures.RowsAsync(_host, orderId);
        rows.Should().HaveCount(3).And.OnlyContain(r => r.Status == ApprovalState.Pending && r.Source == ApprovalSource.Owner && r.Threshold == 2 && r.Bucket == null);
        rows.Select(r => r.ApproverEmail).Should().BeEquivalentTo(["owner1@example.com", "owner2@example.com", "owner3@example.com"]);
        (await _host.QueryAsync(db => db.Set<Platform.Jobs.Job>().Where(j => j.Kind == OrderRunner.Kind))).Should().BeEmpty("nothing is provisioned before approval");
    }

    [Fact]
    public async Task Place_TypeNeedingOwners_MailsEachOwnerTheirOwnSignedLink_InTheSameTransaction()
    {
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host, "Mailed VDI", ApprovalFixtures.Owners(2), quorum: 1);
        await _host.AddAssetsAsync(type.Id, 1, "MAILED");

        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);

        var mails = await _host.QueryAsync(db => db.Set<Features.Notifications.NotificationMessage>()
            .Where(m => m.TemplateKey == "approval_request" && m.Reference == "order:" + orderId));
        mails.Select(m => m.Recipient).Should().BeEquivalentTo(["owner1@example.com", "owner2@example.com"]);
        mails.Should().OnlyContain(m => m.Subject.Contains("Mailed VDI") && m.HtmlBody!.Contains("/approve/") && m.TextBody!.Contains("/approve/"));
        var links = mails.Select(m => System.Text.RegularExpressions.Regex.Match(m.HtmlBody!, "/approve/[^\"<\\s]+").Value).ToList();
        links.Should().OnlyHaveUniqueItems("each approver gets a link bound to their own row");
    }

    [Fact]
    public async Task Place_ManagerNeededButDirectoryNamesNone_RefusesTheOrderWithTheReasonAndKeepsNothing()
    {
        var type = await _host.AddTypeAsync("Manager VDI", t => t.Approval = new ApprovalSetup { RequiresManager = true });
        await _host.AddAssetsAsync(type.Id, 1, "MGR");

        var response = await _host.PlaceAsync(OrderHost.Body(type.Id, "nobody@example.com", ApprovalFixtures.Now, ApprovalFixtures.Now.AddDays(1)));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await OrderHost.JsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("approval.no_manager");
        problem.GetProperty("title").GetString().Should().Contain("manager");
        (await _host.QueryAsync(db => db.Set<Order>().Where(o => o.AssetTypeId == type.Id))).Should().BeEmpty();
        (await _host.QueryAsync(db => db.Set<OrderApproval>())).Should().BeEmpty();
        (await _host.QueryAsync(db => db.Set<Features.Pool.PoolAsset>().Where(a => a.AssetTypeId == type.Id && a.CurrentOrderId != null))).Should().BeEmpty();
    }

    [Fact]
    public async Task Place_RuleMatchingTheOrdersDuration_AddsTheRulesApproversInTheirOwnBucket()
    {
        var rule = new ApprovalRule("Long loans", new ApprovalClause("durationDays", ApprovalOperator.GreaterThan, "2"),
            [new Approver("security@example.com", "Security")], Quorum: 1);
        var type = await _host.AddTypeAsync("Ruled VDI", t => t.Approval = new ApprovalSetup { Rules = [rule] });
        await _host.AddAssetsAsync(type.Id, 1, "RULE");

        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);

        var row = (await ApprovalFixtures.RowsAsync(_host, orderId)).Should().ContainSingle().Subject;
        row.Source.Should().Be(ApprovalSource.Rule);
        row.RuleName.Should().Be("Long loans");
        row.Bucket.Should().Be("Long loans");
    }

    [Fact]
    public async Task Place_TypeWithoutApproval_IsNotHeldAndHasNoRows()
    {
        var type = await _host.AddTypeAsync("Free VDI");
        await _host.AddAssetsAsync(type.Id, 1, "FREE");

        var response = await _host.PlaceAsync(OrderHost.Body(type.Id, "ann@example.com", ApprovalFixtures.Now, ApprovalFixtures.Now.AddDays(1)));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await OrderHost.JsonAsync(response)).GetProperty("status").GetString().Should().NotBe("pending_approval");
        (await _host.QueryAsync(db => db.Set<OrderApproval>())).Should().BeEmpty();
    }
}
