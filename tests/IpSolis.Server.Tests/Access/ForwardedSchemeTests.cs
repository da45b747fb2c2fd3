using System.Net;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace IpSolis.Server.Tests.Access;

/// <summary>
/// Behind nginx terminating TLS: the trusted proxy's <c>X-Forwarded-Proto: https</c> makes the request HTTPS, so the
/// cookies the server sets carry <c>Secure</c>; the same header from any other peer changes nothing.
/// </summary>
public sealed class ForwardedSchemeTests
{
    private static async Task<string> CookiesOfSignInPageAsync(IpSolisFactory factory, string peer, string? forwardedProto)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            c.Request.Method = "GET";
            c.Request.Path = "/ui/login";
            c.Request.Headers.Accept = "text/html";
            if (forwardedProto is not null)
                c.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        });
        context.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
        var cookies = string.Join("\n", context.Response.Headers.SetCookie.ToArray());
        cookies.Should().Contain(".AspNetCore.Antiforgery", "the sign-in form sets its antiforgery cookie");
        return cookies;
    }

    [Fact]
    public async Task HttpsForwardedByATrustedProxy_MakesCookiesSecure_FromAnyoneElse_ItIsIgnored()
    {
        await using var factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Network:TrustedProxies"] = "10.0.0.0/8" });

        (await CookiesOfSignInPageAsync(factory, "10.0.0.5", "https")).Should().ContainEquivalentOf("; secure");
        (await CookiesOfSignInPageAsync(factory, "10.0.0.5", "http, https")).Should().ContainEquivalentOf("; secure",
            "the nearest proxy's value (the last) counts");
        (await CookiesOfSignInPageAsync(factory, "203.0.113.9", "https")).Should().NotContainEquivalentOf("secure",
            "a client that is not our proxy cannot claim HTTPS");
        (await CookiesOfSignInPageAsync(factory, "10.0.0.5", null)).Should().NotContainEquivalentOf("secure");
    }
}
