using Microsoft.AspNetCore.Localization;

namespace IpSolis.Server.Web;

/// <summary>The UI shell: Razor components rendered statically on the server, our static assets, translations.</summary>
internal static class WebShell
{
    public static readonly string[] SupportedCultures = ["en", "de"];

    public static IServiceCollection AddIpSolisWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAntiforgery();
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
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapIpSolisWeb(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/portal")).ExcludeFromDescription();
        app.MapRazorComponents<App>();
        return app;
    }
}
