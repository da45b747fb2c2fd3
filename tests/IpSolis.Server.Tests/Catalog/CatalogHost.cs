using System.Net.Http.Json;
using System.Text.Json;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Catalog;

/// <summary>
/// One host per test class for the catalog tests, with a superadmin, an admin and a helpdesk account and a token for
/// each. Tests keep out of each other's way by giving their asset types unique names (<see cref="Unique"/>) and by
/// creating their own accounts when they change grants.
/// </summary>
public sealed class CatalogHost : IAsyncLifetime
{
    public IpSolisFactory Factory { get; private set; } = null!;

    public AdminUser Root { get; private set; } = null!;

    public AdminUser Admin { get; private set; } = null!;

    public AdminUser Helpdesk { get; private set; } = null!;

    public string RootToken { get; private set; } = null!;

    public string AdminToken { get; private set; } = null!;

    public string HelpdeskToken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = await IpSolisFactory.CreateAsync();
        Root = await AccessFixtures.AddUserAsync(Factory, "root", AdminRole.Superadmin);
        Admin = await AccessFixtures.AddUserAsync(Factory, "ops", AdminRole.Admin);
        Helpdesk = await AccessFixtures.AddUserAsync(Factory, "desk", AdminRole.Helpdesk);
        (_, RootToken) = await AccessFixtures.AddTokenAsync(Factory, Root, name: "root token");
        (_, AdminToken) = await AccessFixtures.AddTokenAsync(Factory, Admin, name: "ops token");
        (_, HelpdeskToken) = await AccessFixtures.AddTokenAsync(Factory, Helpdesk, name: "desk token");
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public HttpClient Api(string? token = null) => AccessFixtures.ApiClient(Factory, token ?? RootToken);

    public static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A valid pooled type (group access), with the given changes merged in.</summary>
    public static Dictionary<string, object?> PooledBody(string name, IDictionary<string, object?>? changes = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["description"] = "CRM for the sales team",
            ["category"] = "application_access",
            ["assignmentModel"] = "capacity_pooled",
            ["poolCapacity"] = 25,
            ["automationStrategy"] = "group_only",
            ["deprovisionPolicy"] = "access_only",
            ["maxPerUser"] = 1,
            ["defaultDurationDays"] = 30,
            ["maximumLifetimeDays"] = 365,
            ["reminderDays"] = 7,
        };
        foreach (var (key, value) in changes ?? new Dictionary<string, object?>())
            body[key] = value;
        return body;
    }

    /// <summary>Creates a type through the API as the superadmin and returns its JSON.</summary>
    public async Task<JsonElement> CreateAsync(object body, string? token = null)
    {
        using var api = Api(token);
        using var response = await api.PostAsJsonAsync("/api/v1/asset-types", body);
        var json = await AccessFixtures.JsonAsync(response);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, json.ToString());
        return json;
    }

    public async Task<int> CountTypesAsync()
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        return db.Set<Features.Catalog.AssetType>().Count();
    }

    /// <summary>Writes an order row straight to the database, as the orders feature would have, pointing at <paramref name="assetTypeId"/>.</summary>
    public async Task AddOrderAsync(long assetTypeId)
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        db.Add(new Features.Orders.Order
        {
            AssetTypeId = assetTypeId,
            Status = Domain.Orders.OrderStatus.Provisioned,
            RequesterEmail = "erika@example.com",
            PlacedBy = "system:test",
            Source = "api",
            RequestedFrom = now,
            RequestedUntil = now.AddDays(30),
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    public async Task GrantAsync(AdminUser user, params long[] assetTypeIds)
    {
        var accounts = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Features.Administration.AdminAccounts>(Factory.Services);
        var result = await accounts.SetGrantsAsync(Platform.Audit.AuditActor.System("test"), user.Id, assetTypeIds, CancellationToken.None);
        result.Succeeded.Should().BeTrue();
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) => await AccessFixtures.JsonAsync(response);

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
