using IpSolis.Server.Platform.Security;
using System.Globalization;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Web.Sections;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpSolis.Server.Web;

/// <summary>The UI shell: Razor components rendered statically on the server, our static assets, translations.</summary>
internal static class WebShell
{
    public static readonly string[] SupportedCultures = ["en", "de"];

    /// <summary>The dashboard's health area, rendered alone for js/ipsolis.js to swap in.</summary>
    public const string HealthFragmentPath = "/ui/fragments/health";

    public const string CulturePath = "/portal/culture";

    public static IServiceCollection AddIpSolisWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Secure whenever the request is HTTPS (directly or through a trusted TLS proxy); the framework's default never sets it.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddLocalization();
        return services;
    }

    public static WebApplication UseIpSolisWebShell(this WebApplication app)
    {
        app.UseStaticFiles();
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(SupportedCultures[0])
                .AddSupportedCultures(SupportedCultures)
                .AddSupportedUICultures(SupportedCultures);
            options.RequestCultureProviders.Insert(0, new CookieRequestCultureProvider());
        });
        app.Use(static (context, next) =>
        {
            // The admin console is English only for now; saying so keeps <html lang> and number formats truthful.
            if (context.Request.Path.StartsWithSegments("/ui"))
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(SupportedCultures[0]);
            }
            return next(context);
        });
        app.UseAntiforgery();
        // A form whose antiforgery token failed is refused here, before its endpoint runs, so every form answers 400
        // the same way: the framework itself only refuses it when the endpoint binds a form field, and form actions
        // that bind none (run now, cancel) would otherwise go through.
        app.Use(static (context, next) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                && context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }

    public static WebApplication MapIpSolisWeb(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/portal")).ExcludeFromDescription();

        app.MapGet(HealthFragmentPath, static async Task<IResult> (
                HealthCheckService health,
                IDbContextFactory<IpSolisDbContext> contexts,
                TimeProvider time,
                HttpContext context) =>
            {
                var status = await SystemStatus.LoadAsync(health, contexts, time, context.RequestAborted);
                context.Response.Headers.CacheControl = "no-store";
                return new RazorComponentResult<HealthPanel>(new Dictionary<string, object?> { [nameof(HealthPanel.Status)] = status });
            })
            .RequireAuthorization(AdminPolicies.Helpdesk)
            .ExcludeFromDescription();

        app.MapPost(CulturePath, static ([FromForm] string? culture, [FromForm] string? returnUrl, HttpContext context) =>
            {
                if (culture is null || !SupportedCultures.Contains(culture, StringComparer.Ordinal))
                {
                    return Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Unsupported language",
                        detail: $"culture must be one of: {string.Join(", ", SupportedCultures)}.");
                }

                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions
                    {
                        Path = "/",
                        MaxAge = TimeSpan.FromDays(365),
                        HttpOnly = true,
                        IsEssential = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = context.Request.IsHttps,
                    });
                return Results.Redirect(IsLocalPath(returnUrl) ? returnUrl! : "/portal");
            })
            .ExcludeFromDescription();

        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>
    /// Only paths on this site may be redirect targets, so the switcher cannot be used to bounce people elsewhere
    /// (<c>//evil.example</c> and <c>/\evil.example</c> are other hosts to a browser).
    /// </summary>
    internal static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
