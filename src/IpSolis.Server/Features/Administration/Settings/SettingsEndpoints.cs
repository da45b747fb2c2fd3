using System.Text.Json;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Platform.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace IpSolis.Server.Features.Administration.Settings;

/// <summary>
/// <c>GET/PUT /api/v1/admin/settings</c> (values by key; secrets and uploads only as <c>{"set": true|false}</c>),
/// the logo upload and removal form actions of <c>/ui/settings</c>, and <c>GET /branding/logo</c>.
/// </summary>
public static class SettingsEndpoints
{
    public const string LogoPath = "/branding/logo";

    public static WebApplication MapIpSolisSettings(this WebApplication app, RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/admin/settings").WithTags("Settings");
        settings.MapGet("", async (SettingsStore store, SettingsCatalog catalog, CancellationToken ct) =>
                Results.Json(Describe(await store.CurrentAsync(ct), catalog)))
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope("config:read")
            .WithSummary("Every runtime setting by key. Secret and uploaded values are never returned: they show as {\"set\": true|false}.");

        settings.MapPut("", async (JsonElement body, SettingsStore store, SettingsCatalog catalog, IActorAccessor actors, CancellationToken ct) =>
            {
                if (body.ValueKind != JsonValueKind.Object)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { [""] = ["Send a JSON object of setting keys and values."] });
                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var property in body.EnumerateObject())
                {
                    switch (property.Value.ValueKind)
                    {
                        case JsonValueKind.Null:
                            values[property.Name] = null;
                            break;
                        case JsonValueKind.String:
                            values[property.Name] = property.Value.GetString();
                            break;
                        case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                            values[property.Name] = property.Value.GetRawText();
                            break;
                        case JsonValueKind.Object:
                            // {"set": true} as returned by GET: keep what is stored.
                            break;
                        default:
                            return Results.ValidationProblem(new Dictionary<string, string[]> { [property.Name] = ["Give a string, a number, true/false or null."] });
                    }
                }

                var result = await store.SaveAsync(values, actors.Current, ct);
                if (!result.Succeeded)
                    return Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "Some settings are not valid; nothing was saved.");
                return Results.Json(Describe(await store.CurrentAsync(ct), catalog));
            })
            .RequireAuthorization(AdminPolicies.Superadmin).RequireTokenScope("config:write")
            .WithSummary("Changes settings: a string sets, null resets to the default (clears a secret), {\"set\": true} keeps. All or nothing; every change is audited.");

        app.MapPost("/ui/settings/logo", async (IFormFile? logo, SettingsStore store, IActorAccessor actors, CancellationToken ct) =>
            {
                if (logo is null)
                    return Results.Redirect("/ui/settings?error=logo-missing");
                if (logo.Length > BrandLogo.MaxBytes)
                    return Results.Redirect("/ui/settings?error=logo-too-large");
                using var buffer = new MemoryStream((int)logo.Length);
                await logo.CopyToAsync(buffer, ct);
                var (checkedLogo, _) = BrandLogo.FromUpload(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                if (checkedLogo is null)
                    return Results.Redirect("/ui/settings?error=logo-type");
                await store.SaveLogoAsync(checkedLogo, actors.Current, ct);
                return Results.Redirect("/ui/settings?done=logo");
            })
            .RequireAuthorization(AdminPolicies.Superadmin)
            .WithMetadata(new RequestSizeLimitAttribute(BrandLogo.MaxBytes + 64 * 1024))
            .ExcludeFromDescription();

        app.MapPost("/ui/settings/logo/remove", async ([FromForm] string? confirm, SettingsStore store, IActorAccessor actors, CancellationToken ct) =>
            {
                await store.SaveLogoAsync(null, actors.Current, ct);
                return Results.Redirect("/ui/settings?done=logo-removed");
            })
            .RequireAuthorization(AdminPolicies.Superadmin).ExcludeFromDescription();

        app.MapGet(LogoPath, async (HttpContext context, SettingsStore store, CancellationToken ct) =>
            {
                if (await store.GetAsync(GeneralSettings.Logo, ct) is not { } logo)
                    return Results.NotFound();
                var headers = context.Response.Headers;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.CacheControl] = "public, max-age=300";
                headers.ContentDisposition = "inline";
                return Results.File(logo.Content, logo.ContentType, entityTag: new EntityTagHeaderValue($"\"{logo.Version}\""));
            })
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static Dictionary<string, object?> Describe(SettingsSnapshot snapshot, SettingsCatalog catalog)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var definition in catalog.All)
        {
            result[definition.Key] = definition.Kind == SettingKind.Plain
                ? snapshot.Text(definition) ?? definition.DefaultText
                : new { set = snapshot.IsSet(definition) };
        }

        return result;
    }
}
