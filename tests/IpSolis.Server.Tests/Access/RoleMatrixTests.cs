using System.Net;
using System.Net.Http.Json;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Access;

/// <summary>
/// Every role against every access endpoint and page: the API through tokens of each role, the console through
/// sessions of each role. Allowed requests must not be refused; refused ones must be 403 (signed in) or a redirect
/// to sign in / 401 (anonymous).
/// </summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;
    private readonly Dictionary<AdminRole, string> _tokens = [];
    private readonly Dictionary<AdminRole, AdminUser> _users = [];
    private AdminUser _target = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Access:SignInPerAddressPerMinute"] = "1000", ["Access:ApiBurst"] = "10000" });
        foreach (var role in AdminRoles.Ladder)
        {
            var user = await AccessFixtures.AddUserAsync(_factory, AdminRoles.Name(role) + ".user", role);
            _users[role] = user;
            _tokens[role] = (await AccessFixtures.AddTokenAsync(_factory, user, name: AdminRoles.Name(role) + " token")).Token;
        }

        _target = await AccessFixtures.AddUserAsync(_factory, "target", AdminRole.Helpdesk);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    public static TheoryData<string, string, AdminRole> ApiEndpoints => new()
    {
        { "GET", "/api/v1/admin/me", AdminRole.Helpdesk },
        { "GET", "/api/v1/admin/tokens", AdminRole.Admin },
        { "GET", "/api/v1/admin/tokens/scopes", AdminRole.Admin },
        { "POST", "/api/v1/admin/tokens", AdminRole.Admin },
        { "DELETE", "/api/v1/admin/tokens/999999", AdminRole.Admin },
        { "DELETE", "/api/v1/admin/tokens/999999/hard", AdminRole.Superadmin },
        { "POST", "/api/v1/admin/tokens/purge", AdminRole.Admin },
        { "GET", "/api/v1/admin/users", AdminRole.Superadmin },
        { "GET", "/api/v1/admin/users/{target}", AdminRole.Superadmin },
        { "POST", "/api/v1/admin/users", AdminRole.Superadmin },
        { "PATCH", "/api/v1/admin/users/{target}", AdminRole.Superadmin },
        { "DELETE", "/api/v1/admin/users/999999", AdminRole.Superadmin },
        { "GET", "/api/v1/admin/users/{target}/grants", AdminRole.Superadmin },
        { "PUT", "/api/v1/admin/users/{target}/grants", AdminRole.Superadmin },
        { "GET", "/api/v1/admin/sessions", AdminRole.Superadmin },
        { "DELETE", "/api/v1/admin/sessions/999999", AdminRole.Superadmin },
    };

    [Theory]
    [MemberData(nameof(ApiEndpoints))]
    public async Task ApiEndpoint_AllowsItsFloorAndAbove_RefusesBelow_AndAnonymous(string method, string path, AdminRole floor)
    {
        path = path.Replace("{target}", _target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using (var anonymous = AccessFixtures.ApiClient(_factory))
        {
            using var refused = await anonymous.SendAsync(Request(method, path, 0));
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        var n = 0;
        foreach (var role in AdminRoles.Ladder)
        {
            using var api = AccessFixtures.ApiClient(_factory, _tokens[role]);
            using var response = await api.SendAsync(Request(method, path, ++n));
            if (role >= floor)
                response.StatusCode.Should().NotBe(HttpStatusCode.Forbidden, $"{role} may {method} {path}").And.NotBe(HttpStatusCode.Unauthorized);
            else
            {
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{role} may not {method} {path}");
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            }
        }
    }

    public static TheoryData<string, AdminRole> Pages => new()
    {
        { "/ui/account", AdminRole.Helpdesk },
        { "/ui/api-tokens", AdminRole.Admin },
        { "/ui/admin-users", AdminRole.Superadmin },
        { "/ui/admin-users/{target}", AdminRole.Superadmin },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_AllowsItsFloorAndAbove_Refuses403Below_AndSendsAnonymousToSignIn(string path, AdminRole floor)
    {
        path = path.Replace("{target}", _target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using (var anonymous = ConsoleClient.For(_factory))
        {
            var (challenge, _) = await anonymous.GetPageAsync(path);
            challenge.StatusCode.Should().Be(HttpStatusCode.Redirect);
            ConsoleClient.RedirectTarget(challenge).Should().StartWith("/ui/login?next=");
        }

        foreach (var role in AdminRoles.Ladder)
        {
            using var browser = ConsoleClient.For(_factory);
            await browser.SignInAsync(_users[role].Username, AccessFixtures.Password);
            var (response, _) = await browser.GetPageAsync(path);
            response.StatusCode.Should().Be(role >= floor ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{role} on {path}");
        }
    }

    [Fact]
    public async Task TheConsoleCookie_NeverAuthenticatesAStateChangingApiRequest()
    {
        using var browser = ConsoleClient.For(_factory);
        await browser.SignInAsync(_users[AdminRole.Superadmin].Username, AccessFixtures.Password);

        (await browser.Http.GetAsync("/api/v1/admin/me")).StatusCode.Should().Be(HttpStatusCode.OK, "reads may use the session");
        using var write = await browser.Http.PostAsJsonAsync("/api/v1/admin/tokens", new { name = "csrf" });
        write.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a cross-site form could carry the cookie; only tokens and the key change data");
    }

    private static HttpRequestMessage Request(string method, string path, int n)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            object body = path switch
            {
                _ when path.EndsWith("/purge", StringComparison.Ordinal) => new { olderThanDays = 30 },
                _ when path.EndsWith("/tokens", StringComparison.Ordinal) => new { name = $"matrix {n}", role = "helpdesk" },
                _ when path.EndsWith("/users", StringComparison.Ordinal) => new { username = $"matrix{n}.{Guid.NewGuid():N}"[..20], password = AccessFixtures.Password, role = "helpdesk" },
                _ when path.EndsWith("/grants", StringComparison.Ordinal) => new { assetTypeIds = new[] { 1, 2 } },
                _ => new { isActive = true },
            };
            request.Content = JsonContent.Create(body);
        }

        return request;
    }
}
