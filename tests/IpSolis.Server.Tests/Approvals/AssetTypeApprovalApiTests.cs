using System.Net;
using System.Net.Http.Json;
using IpSolis.Server.Tests.Catalog;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>An asset type's approval configuration through <c>/api/v1/asset-types</c>: stored, shown back, validated per field.</summary>
public sealed class AssetTypeApprovalApiTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    private static readonly object Rule = new
    {
        name = "Long or PII",
        condition = new { op = "or", clauses = new object[] { new { field = "durationDays", op = ">", value = "30" }, new { field = "hasPii", op = "==", value = "true" } } },
        approvers = new[] { new { email = "security@example.com", name = "Security" } },
        quorum = 1,
        sodExempt = true,
    };

    [Fact]
    public async Task Create_WithApprovalConfiguration_StoresItAndShowsItBackInTheSameShape()
    {
        using var api = host.Api();
        using var response = await api.PostAsJsonAsync("/api/v1/asset-types", CatalogHost.PooledBody(CatalogHost.Unique("Approved"), new Dictionary<string, object?>
        {
            ["requiresManagerApproval"] = true,
            ["requiresOwnerApproval"] = true,
            ["approvalOwners"] = new[] { new { email = "Owner@Example.com", name = "App Owner" } },
            ["approvalQuorum"] = 1,
            ["approvalRules"] = new[] { Rule },
        }));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await CatalogHost.ReadAsync(response)).GetProperty("id").GetInt64();
        var shown = await CatalogHost.ReadAsync(await api.GetAsync($"/api/v1/asset-types/{id}"));
        shown.GetProperty("requiresManagerApproval").GetBoolean().Should().BeTrue();
        shown.GetProperty("requiresOwnerApproval").GetBoolean().Should().BeTrue();
        shown.GetProperty("approvalOwners")[0].GetProperty("name").GetString().Should().Be("App Owner");
        shown.GetProperty("approvalQuorum").GetInt32().Should().Be(1);
        var rule = shown.GetProperty("approvalRules")[0];
        rule.GetProperty("name").GetString().Should().Be("Long or PII");
        rule.GetProperty("condition").GetProperty("op").GetString().Should().Be("or");
        rule.GetProperty("condition").GetProperty("clauses")[1].GetProperty("field").GetString().Should().Be("hasPii");
        rule.GetProperty("sodExempt").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Create_WithAnUnknownRuleFieldAndABadOwner_IsRefusedNamingEachField()
    {
        using var api = host.Api();
        using var response = await api.PostAsJsonAsync("/api/v1/asset-types", CatalogHost.PooledBody(CatalogHost.Unique("Bad rules"), new Dictionary<string, object?>
        {
            ["approvalOwners"] = new[] { new { email = "not-an-email", name = "X" } },
            ["approvalRules"] = new object[]
            {
                new { name = "Broken", condition = new { op = "and", clauses = new object[] { new { field = "salary", op = ">", value = "1" } } }, approvers = new[] { new { email = "a@example.com" } } },
                new { name = "No approvers", condition = new { field = "durationDays", op = "like", value = "1" }, approvers = Array.Empty<object>() },
            },
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await CatalogHost.ReadAsync(response);
        problem.GetProperty("type").GetString().Should().NotBeNull();
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("approvalOwners[0].email", out _).Should().BeTrue(errors.ToString());
        errors.TryGetProperty("approvalRules[0].condition.clauses[0].field", out _).Should().BeTrue(errors.ToString());
        errors.TryGetProperty("approvalRules[1].condition.op", out _).Should().BeTrue(errors.ToString());
    }
}
