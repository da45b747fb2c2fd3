using IpSolis.Server.Features.Portal.Oidc;
using IpSolis.Server.Platform.Configuration;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Features.Portal;

/// <summary>Registers the portal's sign-in, session and page services.</summary>
internal static class PortalFeature
{
    public const string SignOutPath = "/portal/logout";

    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddSingleton<PortalSignIn>();
        services.AddSingleton<PortalDirectorySignIn>();
        services.AddValidatedOptions<PortalOptions, PortalOptionsValidator>(PortalOptions.Section);
        // Built from the raw options: the settings catalog needs the definitions before options are validated,
        // and a bad Portal:SignInMethods is reported by validation, not thrown here.
        services.AddSingleton(sp => new PortalSignInSettings(
            sp.GetRequiredService<IConfiguration>().GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions(),
            sp.GetRequiredService<IHostEnvironment>().IsProduction()));
        foreach (var member in PortalSignInSettings.Members)
            services.AddSingleton(sp => member(sp.GetRequiredService<PortalSignInSettings>()));
        services.AddSingleton<OidcProviders>();
        services.AddSingleton<PortalOidcSignIn>();
        services.AddSingleton<PortalAnonymousSignIn>();
        return services;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        // A form post (the [FromForm] field makes the endpoint check the antiforgery token), never a GET: a link or an
        // image elsewhere cannot sign anyone out. A session that came from an OpenID Connect provider is ended there
        // too when the provider offers RP-initiated logout.
        app.MapPost(SignOutPath, async ([FromForm] string? returnUrl, HttpContext context, PortalSignIn signIn, PortalOidcSignIn oidc, IStringLocalizer<PortalStrings> strings) =>
            {
                _ = returnUrl;
                var atProvider = PortalAuthenticationHandler.SessionIdOf(context.User) is { } sessionId
                    ? await oidc.ProviderSignOutAsync(sessionId, context)
                    : null;
                await signIn.SignOutAsync(context);
                return atProvider is { } provider
                    ? ProviderSignOutPage.For(provider.EndSession, provider.ProviderName, strings)
                    : Results.Redirect(PortalAuthenticationHandler.SignInPath + "?signedOut=1");
            })
            .RequireAuthorization(PortalUser.Policy)
            .ExcludeFromDescription();

        // Starting a provider sign-in is a link (the picker, or the sign-in page when it is the only method): it
        // writes no data, only the short-lived encrypted correlation cookie.
        app.MapGet("/portal/auth/oidc/{providerId}", (string providerId, [FromQuery] string? returnUrl, HttpContext context, PortalOidcSignIn oidc) =>
                oidc.StartAsync(providerId, returnUrl, context))
            .ExcludeFromDescription();
        // The provider's return. The one GET that changes data (a session, audit rows): it is bound to this browser by
        // the state in the encrypted correlation cookie, and the code to this sign-in by PKCE; it does nothing, and
        // writes nothing, without that cookie. (EndpointConventionTests calls it without one.)
        app.MapGet("/portal/auth/oidc/{providerId}/callback", (string providerId, HttpContext context, PortalOidcSignIn oidc) =>
                oidc.CallbackAsync(providerId, context))
            .ExcludeFromDescription();

        app.MapPost(PortalAnonymousSignIn.Path, async ([FromForm] string? returnUrl, HttpContext context, PortalAnonymousSignIn anonymous) =>
                await anonymous.SignInAsync(context)
                    ? Results.Redirect(PortalReturnUrl.Safe(returnUrl))
                    : Results.NotFound())
            .ExcludeFromDescription();
        return app;
    }
}
