using System.Net;
using System.Net.Http.Json;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Access;

public sealed class ApiTokenTests : IAsyncLifetime
{
    private const string LegacyKey = "legacy-admin-key-for-tests-0123456789abcdef";
    private IpSolisFactory _factory = null!;
    private AdminUser _root = null!;
    private AdminUser _admin = null!;
    private string _rootToken = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Security:AdminApiKey"] = LegacyKey });
        _root = await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        _admin = await AccessFixtures.AddUserAsync(_factory, "ops", AdminRole.Admin);
        (_, _rootToken) = await AccessFixtures.AddTokenAsync(_factory, _root);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Create_Returns201WithTheTokenOnce_AndStoresOnlyItsHashAndPrefix()
    {
        using var api = AccessFixtures.ApiClient(_factory, _rootToken);
        using var response = await api.PostAsJsonAsync("/api/v1/admin/tokens", new { name = "CMDB sync", scopes = new[] { "assets:read" }, role = "auditor", expiresInDays = 30 });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await AccessFixtures.JsonAsync(response);
        var token = body.GetProperty("token").GetString()!;
        token.Should().MatchRegex("^ips_[A-Za-z0-9_-]{43}$");
        body.GetProperty("role").GetString().Should().Be("auditor");
        body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Should().Equal("assets:read");
        body.GetProperty("prefix").GetString().Should().Be(token[..8]);

        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        var stored = await db.Set<ApiToken>().SingleAsync(t => t.Id == body.GetProperty("id").GetInt64());
        stored.TokenHash.Should().Be(SecretHashes.Of(token)).And.HaveLength(64);
        stored.TokenPrefix.Should().Be(token[..8]);
        stored.ExpiresAt.Should().BeCloseTo(DateTimeOffset.UtcNow.AddDays(30), TimeSpan.FromMinutes(1));

        using var list = await api.GetAsync("/api/v1/admin/tokens");
        var listed = await list.Content.ReadAsStringAsync();
        listed.Should().Contain("CMDB sync").And.NotContain(token[8..]);
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "api_token.created" && e.Actor == "token:test token");
    }

    [Fact]
    public async Task MissingOrBadCredentials_Are401ProblemJson_WithABearerChallenge()
    {
        using var anonymous = AccessFixtures.ApiClient(_factory);
        using var missing = await anonymous.GetAsync("/api/v1/admin/tokens");
        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        missing.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");

        using var bad = AccessFixtures.ApiClient(_factory, "ips_" + new string('x', 43));
        using var rejected = await bad.GetAsync("/api/v1/admin/tokens");
        rejected.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        rejected.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
    }

    [Fact]
    public async Task MintGuard_ATokenNeverOutranksItsCreator()
    {
        var (_, adminToken) = await AccessFixtures.AddTokenAsync(_factory, _admin);
        using var api = AccessFixtures.ApiClient(_factory, adminToken);

        using var escalate = await api.PostAsJsonAsync("/api/v1/admin/tokens", new { name = "escalate", role = "superadmin" });
        escalate.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        escalate.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        // A role-less token gets the creator's role, so it cannot pass a superadmin gate either.
        using var roleless = await api.PostAsJsonAsync("/api/v1/admin/tokens", new { name = "roleless", scopes = new[] { "admin:*" } });
        roleless.StatusCode.Should().Be(HttpStatusCode.Created);
        var minted = (await AccessFixtures.JsonAsync(roleless)).GetProperty("token").GetString()!;
        (await AccessFixtures.JsonAsync(roleless)).GetProperty("role").GetString().Should().Be("admin");
        using var withMinted = AccessFixtures.ApiClient(_factory, minted);
        (await withMinted.GetAsync("/api/v1/admin/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await withMinted.GetAsync("/api/v1/admin/tokens")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Scopes_AreCheckedOnEveryRequest()
    {
        var (_, narrow) = await AccessFixtures.AddTokenAsync(_factory, _root, scopes: ["audit:read"]);
        using var api = AccessFixtures.ApiClient(_factory, narrow);

        (await api.GetAsync("/api/v1/admin/tokens")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.GetAsync("/api/v1/admin/me")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var widen = await api.PostAsJsonAsync("/api/v1/admin/tokens", new { name = "wider", scopes = new[] { "admin:*" } });
        widen.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ARevokedToken_StopsWorkingAtOnceOnThisNode()
    {
        var (id, token) = await AccessFixtures.AddTokenAsync(_factory, _root, name: "to revoke");
        using var victim = AccessFixtures.ApiClient(_factory, token);
        (await victim.GetAsync("/api/v1/admin/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var api = AccessFixtures.ApiClient(_factory, _rootToken);
        (await api.DeleteAsync($"/api/v1/admin/tokens/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await victim.GetAsync("/api/v1/admin/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "api_token.revoked" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ARevocationMadeElsewhere_TakesEffectWithinTheCacheLifetime()
    {
        var (id, token) = await AccessFixtures.AddTokenAsync(_factory, _root, name: "revoked by another node");
        using var victim = AccessFixtures.ApiClient(_factory, token);
        (await victim.GetAsync("/api/v1/admin/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        // Another node revokes it: straight in the database, so this node's cache is not told.
        await using (var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync())
            await db.Set<ApiToken>().Where(t => t.Id == id).ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await victim.GetAsync("/api/v1/admin/me")).StatusCode == HttpStatusCode.OK)
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
            await Task.Delay(100);
        }

        clock.Elapsed.Should().BeLessThan(ApiTokenAuthentication.CacheLifetime + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ATokensAuthority_FollowsItsCreator_DemotionCapsIt_DeactivationEndsIt()
    {
        var (_, adminToken) = await AccessFixtures.AddTokenAsync(_factory, _admin, name: "ops automation");
        using var api = AccessFixtures.ApiClient(_factory, adminToken);
        (await api.GetAsync("/api/v1/admin/tokens")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var root = AccessFixtures.ApiClient(_factory, _rootToken);
        (await root.PatchAsJsonAsync($"/api/v1/admin/users/{_admin.Id}", new { role = "auditor" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(ApiTokenAuthentication.CacheLifetime + TimeSpan.FromMilliseconds(200));
        (await api.GetAsync("/api/v1/admin/tokens")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/admin/me"))).GetProperty("role").GetString().Should().Be("auditor");

        (await root.PatchAsJsonAsync($"/api/v1/admin/users/{_admin.Id}", new { isActive = false })).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(ApiTokenAuthentication.CacheLifetime + TimeSpan.FromMilliseconds(200));
        (await api.GetAsync("/api/v1/admin/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task HardDelete_IsForSuperadmins_AndOnlyAfterRevoking_AndIsAudited()
    {
        var (id, _) = await AccessFixtures.AddTokenAsync(_factory, _root, name: "short lived");
        using var api = AccessFixtures.ApiClient(_factory, _rootToken);
        (await api.DeleteAsync($"/api/v1/admin/tokens/{id}/hard")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await api.DeleteAsync($"/api/v1/admin/tokens/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var (_, adminToken) = await AccessFixtures.AddTokenAsync(_factory, _admin);
        using var admin = AccessFixtures.ApiClient(_factory, adminToken);
        (await admin.DeleteAsync($"/api/v1/admin/tokens/{id}/hard")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.DeleteAsync($"/api/v1/admin/tokens/{id}/hard")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<ApiToken>().AnyAsync(t => t.Id == id)).Should().BeFalse();
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "api_token.deleted");
    }

    [Fact]
    public async Task Purge_DeletesOnlyTokensThatEndedLongerAgo()
    {
        var (old, _) = await AccessFixtures.AddTokenAsync(_factory, _root, name: "old");
        var (recent, _) = await AccessFixtures.AddTokenAsync(_factory, _root, name: "recent");
        await using (var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync())
        {
            await db.Set<ApiToken>().Where(t => t.Id == old).ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow.AddDays(-40)));
            await db.Set<ApiToken>().Where(t => t.Id == recent).ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow.AddDays(-1)));
        }

        using var api = AccessFixtures.ApiClient(_factory, _rootToken);
        using var purged = await api.PostAsJsonAsync("/api/v1/admin/tokens/purge", new { olderThanDays = 30 });

        (await AccessFixtures.JsonAsync(purged)).GetProperty("purged").GetInt32().Should().Be(1);
        await using var check = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await check.Set<ApiToken>().Select(t => t.Id).ToListAsync()).Should().Contain(recent).And.NotContain(old);
    }

    [Fact]
    public async Task TheLegacyKey_IsAVirtualSuperadmin_AttributedAsSuch()
    {
        using var api = AccessFixtures.ApiClient(_factory);
        api.DefaultRequestHeaders.Add("X-Admin-Key", LegacyKey);
        using var me = await api.GetAsync("/api/v1/admin/me");
        var body = await AccessFixtures.JsonAsync(me);
        body.GetProperty("role").GetString().Should().Be("superadmin");
        body.GetProperty("via").GetString().Should().Be("legacy_key");

        using var created = await api.PostAsJsonAsync("/api/v1/admin/users", new { username = "from.key", password = AccessFixtures.Password, role = "helpdesk" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "admin_user.created" && e.Actor == "admin:legacy_key");
        using var password = await api.PostAsJsonAsync("/api/v1/admin/me/password", new { currentPassword = "x", newPassword = AccessFixtures.Password + "!" });
        password.StatusCode.Should().Be(HttpStatusCode.Conflict, "the legacy key has no password of its own");

        using var wrong = AccessFixtures.ApiClient(_factory);
        wrong.DefaultRequestHeaders.Add("X-Admin-Key", "not-the-key");
        (await wrong.GetAsync("/api/v1/admin/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task InvalidRequests_AreProblemJsonWithTheField()
    {
        using var api = AccessFixtures.ApiClient(_factory, _rootToken);
        using var response = await api.PostAsJsonAsync("/api/v1/admin/tokens", new { name = "", scopes = new[] { "root:*" }, expiresInDays = 5000 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await AccessFixtures.JsonAsync(response)).GetProperty("errors").TryGetProperty("name", out _).Should().BeTrue();
    }
}
