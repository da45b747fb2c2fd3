using System.Net;
using IpSolis.Server.Features.Portal.Oidc;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Oidc;

/// <summary>
/// The real host with OIDC sign-in enabled and the test provider configured as provider <see cref="ProviderId"/>,
/// and a browser-like client that signs in through it end to end: our start endpoint, the provider's own login
/// page, our callback.
/// </summary>
public sealed class OidcHost : IAsyncDisposable
{
    public const string ProviderId = "test";

    private OidcHost(IpSolisFactory factory) => Factory = factory;

    public IpSolisFactory Factory { get; }

    public static async Task<OidcHost> StartAsync(string methods = "local,oidc", string allowedDomains = "", Action<IServiceCollection>? services = null)
    {
        var factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Portal:SignInMethods"] = methods }, services);
        var host = new OidcHost(factory);
        var saved = await factory.Services.GetRequiredService<OidcProviders>().SaveAsync(null, new OidcProviderInput(
            ProviderId, "Test Provider", OidcTestProvider.Issuer, OidcTestProvider.ClientId, OidcTestProvider.ClientSecret,
            "openid profile email", null, null, allowedDomains, Enabled: true), AuditActor.System("tests"), CancellationToken.None);
        saved.Succeeded.Should().BeTrue(string.Join("; ", saved.Errors.Select(e => e.Message)));
        return host;
    }

    public Task SaveSettingsAsync(IReadOnlyDictionary<string, string?> values) =>
        Factory.Services.GetRequiredService<SettingsStore>().SaveAsync(values, AuditActor.System("tests"));

    /// <summary>Starts a sign-in in <paramref name="browser"/> and returns the provider's authorization URL.</summary>
    public static async Task<Uri> StartAsync(ConsoleClient browser, string? returnUrl = null)
    {
        var path = "/portal/auth/oidc/" + ProviderId + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        using var response = await browser.Http.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.IsAbsoluteUri.Should().BeTrue();
        return location;
    }

    /// <summary>Hands the provider's answer to our callback in <paramref name="browser"/>; returns where we send it.</summary>
    public static async Task<(HttpResponseMessage Response, string Target)> CallbackAsync(ConsoleClient browser, Uri callback)
    {
        callback.AbsolutePath.Should().Be($"/portal/auth/oidc/{ProviderId}/callback");
        var response = await browser.Http.GetAsync(callback.PathAndQuery);
        return (response, ConsoleClient.RedirectTarget(response));
    }

    /// <summary>The whole sign-in as <paramref name="login"/>; returns where we finally send the browser.</summary>
    public async Task<(ConsoleClient Browser, string Target)> SignInAsync(string login, string? returnUrl = null)
    {
        var browser = ConsoleClient.For(Factory);
        var authorize = await StartAsync(browser, returnUrl);
        var callback = await OidcTestProvider.SignInAtProviderAsync(authorize, login);
        var (response, target) = await CallbackAsync(browser, callback);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (browser, target);
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action)
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        return await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }

    public async Task<int> LiveSessionsAsync()
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        return await db.Set<Platform.Security.PortalSession>().CountAsync(s => s.EndedAt == null);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
