using IpSolis.Server.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace IpSolis.Server.Features.Portal;

/// <summary>Registers the portal's sign-in, session and page services.</summary>
internal static class PortalFeature
{
    public const string SignOutPath = "/portal/logout";

    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddSingleton<PortalSignIn>();
        services.AddSingleton<PortalDirectorySignIn>();
        return services;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        // A form post (the [FromForm] field makes the endpoint check the antiforgery token), never a GET: a link or an
        // image elsewhere cannot sign anyone out.
        app.MapPost(SignOutPath, async ([FromForm] string? returnUrl, HttpContext context, PortalSignIn signIn) =>
            {
                _ = returnUrl;
                await signIn.SignOutAsync(context);
                return Results.Redirect(PortalAuthenticationHandler.SignInPath + "?signedOut=1");
            })
            .RequireAuthorization(PortalUser.Policy)
            .ExcludeFromDescription();
        return app;
    }
}
