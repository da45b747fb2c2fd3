using IpSolis.Server.Features.Portal.Oidc;

namespace IpSolis.Server.Integrations.Oidc;

/// <summary>Registers the OpenID Connect relying party behind <see cref="IOpenIdConnectClient"/>.</summary>
internal static class OidcIntegration
{
    public static IServiceCollection AddOidcIntegration(this IServiceCollection services)
    {
        services.AddHttpClient(OpenIdConnectClient.HttpClientName, client =>
        {
            // Sign-in waits on these calls: a provider that hangs must fail the attempt, not the browser's patience.
            client.Timeout = TimeSpan.FromSeconds(10);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("ipsolis-oidc/1");
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<OidcDiscovery>();
        services.AddSingleton<OidcKeySet>();
        services.AddSingleton<OidcIdTokenValidator>();
        services.AddSingleton<IOpenIdConnectClient, OpenIdConnectClient>();
        return services;
    }
}
