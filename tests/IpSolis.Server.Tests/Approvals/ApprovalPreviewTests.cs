using System.Net;
using System.Net.Http.Json;
using IpSolis.Server.Features.Approvals;
using IpSolis.Server.Features.Notifications;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Tests.Catalog;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>
/// "Who would approve": a sample order through the same routing placement uses, against a saved type with a nested
/// rule — who is asked, in which bucket and why — changing nothing; bad samples get errors naming the field.
/// </summary>
public sealed class ApprovalPreviewTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    private static readonly object NestedRule = new
    {
        name = "Long approvers",
        condition = new
        {
            op = "and",
            clauses = new object[]
            {
                new { field = "durationDays", op = ">", value = "30" },
                new { op = "or", clauses = new object[] { new { field = "attr.role", op = "==", value = "Approver" }, new { field = "monthlyCost", op = ">=", value = "100" } } },
            },
        },
        approvers = new[] { new { email = "finance@example.com", name = "Finance" }, new { email = "audit@example.com", name = "Audit" } },
        quorum = 1,
    };

    private async Task<long> TypeAsync()
    {
        using var api = host.Api();
        using var response = await api.PostAsJsonAsync("/api/v1/asset-types", CatalogHost.PooledBody(CatalogHost.Unique("Previewed"), new Dictionary<string, object?>
        {
            ["requiresOwnerApproval"] = true,
            ["approvalOwners"] = new[] { new { email = "owner@example.com", name = "App Owner" } },
            ["approvalRules"] = new[] { NestedRule },
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await CatalogHost.ReadAsync(response)).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Preview_NamesEachApproverWithBucketAndReason_WhenTheNestedRuleMatches_AndWritesNothing()
    {
        var id = await TypeAsync();
        using var api = host.Api();
        var counts = await CountsAsync();

        using var response = await api.PostAsJsonAsync($"/api/v1/asset-types/{id}/approval-preview",
            new { requesterEmail = "ann@example.com", durationDays = 45, attributes = new Dictionary<string, string> { ["role"] = "approver" } });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<ApprovalPreviewResult>())!;
        result.NeedsApproval.Should().BeTrue();
        result.Refusals.Should().BeEmpty();
        result.Approvers.Select(a => (a.Email, a.Source, a.Bucket)).Should().Equal(
            ("owner@example.com", "owner", null), ("finance@example.com", "rule", "Long approvers"), ("audit@example.com", "rule", "Long approvers"));
        result.Approvers[1].Reason.Should().Contain("rule 'Long approvers'").And.Contain("1 approval(s) needed");
        result.Rules.Should().Equal("'Long approvers' matches this order.");
        (await CountsAsync()).Should().Be(counts, "a preview orders nothing, asks nobody and sends nothing");
    }

    [Fact]
    public async Task Preview_LeavesTheRuleOut_WhenTheNestedGroupDoesNotHold_AndRefusesBadSamplesByField()
    {
        var id = await TypeAsync();
        using var api = host.Api();

        using var shortOrder = await api.PostAsJsonAsync($"/api/v1/asset-types/{id}/approval-preview",
            new { requesterEmail = "ann@example.com", durationDays = 45, monthlyCost = 20, attributes = new Dictionary<string, string> { ["role"] = "viewer" } });
        var result = (await shortOrder.Content.ReadFromJsonAsync<ApprovalPreviewResult>())!;
        result.Approvers.Select(a => a.Email).Should().Equal("owner@example.com");
        result.Rules.Should().Equal("'Long approvers' does not match this order.");

        using var bad = await api.PostAsJsonAsync($"/api/v1/asset-types/{id}/approval-preview", new { requesterEmail = "not an email", durationDays = 0 });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await CatalogHost.ReadAsync(bad);
        problem.GetProperty("errors").TryGetProperty("requesterEmail", out _).Should().BeTrue(problem.ToString());
        problem.GetProperty("errors").TryGetProperty("durationDays", out _).Should().BeTrue(problem.ToString());

        using var missing = await api.PostAsJsonAsync("/api/v1/asset-types/999999/approval-preview", new { requesterEmail = "ann@example.com" });
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<(int Orders, int Approvals, int Messages)> CountsAsync()
    {
        await using var db = await AccessFixtures.Contexts(host.Factory).CreateDbContextAsync();
        return (await db.Set<Order>().CountAsync(), await db.Set<OrderApproval>().CountAsync(), await db.Set<NotificationMessage>().CountAsync());
    }
}
