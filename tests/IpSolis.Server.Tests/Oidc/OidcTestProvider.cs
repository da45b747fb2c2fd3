using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IpSolis.Server.Tests.Oidc;

/// <summary>
/// The real OpenID Connect provider scripts/test.sh starts (tests/oidc-provider/server.mjs, npm oidc-provider):
/// its issuer and test client from <c>IPSOLIS_TEST_OIDC_*</c>, and a browser's part of a sign-in there (its own
/// login page, which grants consent by itself). A test that needs it fails when it is missing: under test.sh it is
/// always there, and a skipped sign-in test would hide a broken setup.
/// </summary>
public static partial class OidcTestProvider
{
    /// <summary>The password of every test account (server.mjs).</summary>
    public const string Password = "Test-Passw0rd!";

    public static string Issuer => Required("IPSOLIS_TEST_OIDC_ISSUER");

    public static string ClientId => Required("IPSOLIS_TEST_OIDC_CLIENT_ID");

    public static string ClientSecret => Required("IPSOLIS_TEST_OIDC_CLIENT_SECRET");

    /// <summary>Makes the provider sign with a new key from now on (the JWKS keeps the previous ones after it).</summary>
    public static async Task<string> RotateKeysAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(new Uri(Issuer), "/test/rotate-keys"), null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("kid").GetString()!;
    }

    /// <summary>
    /// Plays the browser at the provider: follows <paramref name="authorizationUrl"/>, signs in as
    /// <paramref name="login"/> on the provider's login page, and returns where the provider finally sends the
    /// browser back to us (the callback URL with code and state).
    /// </summary>
    public static async Task<Uri> SignInAtProviderAsync(Uri authorizationUrl, string login, string password = Password)
    {
        authorizationUrl.GetLeftPart(UriPartial.Authority).Should().Be(new Uri(Issuer).GetLeftPart(UriPartial.Authority), "the sign-in must go to the configured provider");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var next = authorizationUrl;
        var signedIn = false;
        for (var hop = 0; hop < 20; hop++)
        {
            using var response = await http.GetAsync(next);
            if (IsRedirect(response))
            {
                var location = new Uri(next, response.Headers.Location!);
                if (location.Authority != next.Authority && location.Authority != new Uri(Issuer).Authority)
                    return location;
                next = location;
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, html);
            var action = LoginAction().Match(html);
            action.Success.Should().BeTrue($"the provider should show its login page, not: {html}");
            signedIn.Should().BeFalse($"the provider refused the login: {html}");
            using var posted = await http.PostAsync(new Uri(next, action.Groups[1].Value), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["login"] = login,
                ["password"] = password,
            }));
            signedIn = true;
            if (!IsRedirect(posted))
                throw new InvalidOperationException($"The provider did not accept {login}: {await posted.Content.ReadAsStringAsync()}");
            next = new Uri(next, posted.Headers.Location!);
            if (next.Authority != new Uri(Issuer).Authority)
                return next;
        }

        throw new InvalidOperationException("The provider kept redirecting.");
    }

    private static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is not null;

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the OIDC tests through scripts/test.sh, which starts the test provider (scripts/test-services/oidc.sh).");

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex LoginAction();
}
