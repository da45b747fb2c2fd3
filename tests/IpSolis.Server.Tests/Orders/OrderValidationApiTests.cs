using System.Net;
using System.Text.Json;
using IpSolis.Domain.Access;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Orders;

/// <summary>Every way <c>POST /api/v1/orders</c> refuses an order: a clear problem naming the field, and nothing changed.</summary>
public sealed class OrderValidationApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private OrderHost _host = null!;
    private AssetType _type = null!;

    public async Task InitializeAsync()
    {
        _host = await OrderHost.StartAsync();
        _type = await _host.AddTypeAsync("Dev VM", t =>
        {
            t.MaximumLifetimeDays = 30;
            t.CollectJustification = true;
            t.JustificationRequired = true;
            t.Attributes =
            [
                new AttributeDefinition("size", "Size", AttributeType.Enum) { Required = true, Options = ["small", "large"] },
                new AttributeDefinition("cores", "Cores", AttributeType.Int) { Validation = new AttributeValidation(Min: 1, Max: 16) },
            ];
        });
        await _host.AddAssetsAsync(_type.Id, 2, "VAL");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private object Valid(Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["assetTypeId"] = _type.Id,
            ["requesterEmail"] = "ann@example.com",
            ["from"] = Now.ToString("O"),
            ["until"] = Now.AddDays(7).ToString("O"),
            ["attributes"] = new Dictionary<string, object?> { ["size"] = "small", ["cores"] = 4 },
            ["justification"] = "Project work",
            ["rdpUsers"] = Array.Empty<string>(),
            ["adminUsers"] = Array.Empty<string>(),
        };
        change?.Invoke(body);
        return body;
    }

    private async Task<JsonElement> RefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await _host.QueryAsync(db => db.Set<Order>())).Should().BeEmpty("a refused order changes nothing");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static void ShouldName(JsonElement problem, string field, string? code = null)
    {
        problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue(problem.ToString());
        messages.GetArrayLength().Should().BeGreaterThan(0);
        if (code is not null)
            problem.GetProperty("code").GetString().Should().Be(code);
    }

    [Fact]
    public async Task Place_Valid_IsCreated()
    {
        var response = await _host.PlaceAsync(Valid());

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Place_MalformedJson_NamesWhereItBroke()
    {
        var problem = await RefusedAsync(await _host.PostRawAsync("{\"assetTypeId\": 1, \"from\": "), HttpStatusCode.BadRequest);

        problem.GetProperty("code").GetString().Should().Be("request.malformed_json");
        problem.GetProperty("errors").EnumerateObject().Should().ContainSingle();
    }

    [Fact]
    public async Task Place_WrongJsonType_NamesTheField()
    {
        var problem = await RefusedAsync(await _host.PostRawAsync($"{{\"assetTypeId\": \"seven\", \"requesterEmail\": \"a@example.com\"}}"), HttpStatusCode.BadRequest);

        ShouldName(problem, "assetTypeId", "request.malformed_json");
    }

    [Fact]
    public async Task Place_UnknownProperty_IsNamed()
    {
        var problem = await RefusedAsync(await _host.PostRawAsync($"{{\"assetTypeId\": {_type.Id}, \"requestor\": \"a@example.com\"}}"), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().Contain("requestor");
    }

    [Fact]
    public async Task Place_NotAJsonObject_IsRefused()
    {
        await RefusedAsync(await _host.PostRawAsync("[1,2]"), HttpStatusCode.BadRequest);
        await RefusedAsync(await _host.PostRawAsync("null"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Place_MissingFields_NamesEach()
    {
        var problem = await RefusedAsync(await _host.PostRawAsync("{}"), HttpStatusCode.BadRequest);

        ShouldName(problem, "assetTypeId");
        ShouldName(problem, "from");
        ShouldName(problem, "until");
    }

    [Fact]
    public async Task Place_BadDate_NamesIt()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["until"] = "next tuesday")), HttpStatusCode.BadRequest);

        ShouldName(problem, "until");
    }

    [Fact]
    public async Task Place_UntilBeforeFrom_NamesUntil()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["until"] = Now.AddDays(-1).ToString("O"))), HttpStatusCode.BadRequest);

        ShouldName(problem, "until", "order.until_not_after_from");
    }

    [Fact]
    public async Task Place_FromInThePast_NamesFrom()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["from"] = Now.AddDays(-2).ToString("O"))), HttpStatusCode.BadRequest);

        ShouldName(problem, "from", "order.from_in_past");
    }

    [Fact]
    public async Task Place_FromBeyondMaxAdvanceDays_NamesFrom()
    {
        var saved = await _host.Services.GetRequiredService<SettingsStore>().SaveAsync(
            new Dictionary<string, string?> { [OrderSettings.MaxAdvanceDays.Key] = "5" }, AuditActor.System("tests"));
        saved.Succeeded.Should().BeTrue();

        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b =>
        {
            b["from"] = Now.AddDays(6).ToString("O");
            b["until"] = Now.AddDays(8).ToString("O");
        })), HttpStatusCode.BadRequest);

        ShouldName(problem, "from", "order.from_too_far");
    }

    [Fact]
    public async Task Place_LongerThanMaximumLifetime_NamesUntil()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["until"] = Now.AddDays(31).ToString("O"))), HttpStatusCode.BadRequest);

        ShouldName(problem, "until", "order.too_long");
    }

    [Fact]
    public async Task Place_AttributeErrors_NameEachAttribute()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["attributes"] = new Dictionary<string, object?>
        {
            ["cores"] = 64,
            ["colour"] = "red",
        })), HttpStatusCode.BadRequest);

        ShouldName(problem, "attributes.size");
        ShouldName(problem, "attributes.cores");
        ShouldName(problem, "attributes.colour");
    }

    [Fact]
    public async Task Place_AttributeOfObjectKind_IsNamed()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["attributes"] = new Dictionary<string, object?>
        {
            ["size"] = new { nested = true },
        })), HttpStatusCode.BadRequest);

        ShouldName(problem, "attributes.size");
    }

    [Fact]
    public async Task Place_JustificationMissing_NamesIt()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["justification"] = " ")), HttpStatusCode.BadRequest);

        ShouldName(problem, "justification", "order.justification_required");
    }

    [Fact]
    public async Task Place_RdpUsersOnATypeWithoutThem_NamesTheList()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["rdpUsers"] = new[] { "bob@example.com" })), HttpStatusCode.BadRequest);

        ShouldName(problem, "rdpUsers", "order.list_not_allowed");
    }

    [Fact]
    public async Task Place_BadRequesterEmail_NamesIt()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["requesterEmail"] = "ann")), HttpStatusCode.BadRequest);

        ShouldName(problem, "requesterEmail", "order.email_invalid");
    }

    [Fact]
    public async Task Place_BadOwnerEmail_NamesIt()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["ownerEmail"] = "not an email")), HttpStatusCode.BadRequest);

        ShouldName(problem, "ownerEmail", "order.email_invalid");
    }

    [Fact]
    public async Task Place_UnknownType_IsNotFound()
    {
        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["assetTypeId"] = 987654)), HttpStatusCode.NotFound);

        problem.GetProperty("code").GetString().Should().Be("order.asset_type_not_found");
    }

    [Fact]
    public async Task Place_TypeOutsideTheAdminsGrants_IsNotFound()
    {
        var other = await _host.AddTypeAsync("Granted only");
        var limited = await AccessFixtures.AddUserAsync(_host.Factory, "limited-admin", AdminRole.Admin);
        await using (var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync())
        {
            db.Add(new Platform.Security.AdminUserGrant { AdminUserId = limited.Id, AssetTypeId = other.Id, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" });
            await db.SaveChangesAsync();
        }

        var (_, token) = await AccessFixtures.AddTokenAsync(_host.Factory, limited, AdminRole.Admin, ["orders:write"]);
        using var client = AccessFixtures.ApiClient(_host.Factory, token);

        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(), client: client), HttpStatusCode.NotFound);

        problem.GetProperty("code").GetString().Should().Be("order.asset_type_not_found");
    }

    [Fact]
    public async Task Place_InactiveType_IsRefused()
    {
        var inactive = await _host.AddTypeAsync("Retired VM", t => t.IsActive = false);

        var problem = await RefusedAsync(await _host.PlaceAsync(Valid(b => b["assetTypeId"] = inactive.Id)), HttpStatusCode.BadRequest);

        problem.GetProperty("code").GetString().Should().Be("order.asset_type_inactive");
    }

    [Fact]
    public async Task Place_RequesterOutsideTheEligibleGroup_IsForbidden()
    {
        var directory = _host.Services.GetRequiredService<LocalDirectory>();
        var actor = AuditActor.System("tests");
        (await directory.AddPersonAsync(actor, new DirectoryEntry("member@example.com", "Member"), default)).Succeeded.Should().BeTrue();
        (await directory.AddPersonAsync(actor, new DirectoryEntry("outsider@example.com", "Outsider"), default)).Succeeded.Should().BeTrue();
        (await directory.AddGroupAsync(actor, "VDI Users", null, default)).Succeeded.Should().BeTrue();
        (await directory.AddPersonToGroupAsync(actor, "VDI Users", "member@example.com", default)).Succeeded.Should().BeTrue();
        var gated = await _host.AddTypeAsync("Gated VDI", t => t.EligibleGroup = "VDI Users");
        await _host.AddAssetsAsync(gated.Id, 1, "GATED");
        var body = OrderHost.Body(gated.Id, "outsider@example.com", Now, Now.AddDays(3));

        var problem = await RefusedAsync(await _host.PlaceAsync(body), HttpStatusCode.Forbidden);

        problem.GetProperty("code").GetString().Should().Be("order.not_eligible");
        var allowed = await _host.PlaceAsync(OrderHost.Body(gated.Id, "member@example.com", Now, Now.AddDays(3)));
        allowed.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await OrderHost.JsonAsync(allowed);
        created.GetProperty("requesterName").GetString().Should().Be("Member");
    }

    [Fact]
    public async Task Place_WithoutTheWriteScope_IsForbidden()
    {
        var (_, token) = await AccessFixtures.AddTokenAsync(_host.Factory, _host.Admin, AdminRole.Admin, ["orders:read"]);
        using var client = AccessFixtures.ApiClient(_host.Factory, token);

        await RefusedAsync(await _host.PlaceAsync(Valid(), client: client), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Place_AsHelpdesk_IsForbidden()
    {
        var helpdesk = await AccessFixtures.AddUserAsync(_host.Factory, "helpdesk", AdminRole.Helpdesk);
        var (_, token) = await AccessFixtures.AddTokenAsync(_host.Factory, helpdesk, AdminRole.Helpdesk, ["orders:write"]);
        using var client = AccessFixtures.ApiClient(_host.Factory, token);

        await RefusedAsync(await _host.PlaceAsync(Valid(), client: client), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Place_Anonymous_IsUnauthorized()
    {
        using var client = AccessFixtures.ApiClient(_host.Factory);

        (await _host.PlaceAsync(Valid(), client: client)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
