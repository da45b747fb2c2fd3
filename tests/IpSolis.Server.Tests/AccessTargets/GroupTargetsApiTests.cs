using System.Net;
using System.Net.Http.Json;
using IpSolis.Server.Tests.Catalog;

namespace IpSolis.Server.Tests.AccessTargets;

/// <summary>Group targets in <c>/api/v1/asset-types</c>: read back in camelCase, refused with the field named.</summary>
public sealed class GroupTargetsApiTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    [Fact]
    public async Task Create_WithGroupTargets_ReadsThemBack()
    {
        using var api = host.Api();
        using var response = await api.PostAsJsonAsync("/api/v1/asset-types", CatalogHost.PooledBody(CatalogHost.Unique("Grouped"), new Dictionary<string, object?>
        {
            ["groupTargets"] = new object[]
            {
                new { groupDn = " CN=VDI-{asset_name},OU=Groups,DC=example,DC=com ", principalSource = "rdp_users", createIfMissing = true },
                new { groupDn = "crm-users" },
            },
        }));

        var body = await CatalogHost.ReadAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        var targets = body.GetProperty("groupTargets").EnumerateArray().ToList();
        targets.Select(t => (t.GetProperty("groupDn").GetString(), t.GetProperty("principalSource").GetString(), t.GetProperty("createIfMissing").GetBoolean()))
            .Should().Equal(("CN=VDI-{asset_name},OU=Groups,DC=example,DC=com", "rdp_users", true), ("crm-users", "requester", false));

        using var read = await api.GetAsync(response.Headers.Location);
        (await CatalogHost.ReadAsync(read)).GetProperty("groupTargets").GetArrayLength().Should().Be(2);
    }

    public static TheoryData<object, string, string?> InvalidTargets => new()
    {
        { new object[] { new { groupDn = "CN=x,,DC=example" } }, "groupTargets[0].groupDn", null },
        { new object[] { new { groupDn = "cn=ok,dc=x" }, new { groupDn = "CN={owner},DC=example" } }, "groupTargets[1].groupDn", null },
        { new object[] { new { groupDn = "" } }, "groupTargets[0].groupDn", null },
        { new object[] { new { groupDn = "cn=a,dc=x", principalSource = "managers" } }, "groupTargets[0].principalSource", null },
        { new object[] { new { groupDn = "cn=a,dc=x" } }, "groupTargets", "runbook_only" },
    };

    [Theory]
    [MemberData(nameof(InvalidTargets))]
    public async Task Create_WithABadTarget_IsRefusedNamingTheField(object targets, string field, string? strategy)
    {
        using var api = host.Api();
        var changes = new Dictionary<string, object?> { ["groupTargets"] = targets };
        if (strategy is not null)
            changes["automationStrategy"] = strategy;

        using var response = await api.PostAsJsonAsync("/api/v1/asset-types", CatalogHost.PooledBody(CatalogHost.Unique("Bad targets"), changes));

        var problem = await CatalogHost.ReadAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, problem.ToString());
        problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue(problem.ToString());
        messages[0].GetString().Should().NotBeNullOrWhiteSpace();
    }
}
