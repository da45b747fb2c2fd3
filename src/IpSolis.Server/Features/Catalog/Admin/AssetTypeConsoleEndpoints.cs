using System.Globalization;
using IpSolis.Server.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace IpSolis.Server.Features.Catalog.Admin;

/// <summary>
/// The buttons of <c>/ui/asset-types/{id}</c> (clone, activate, deactivate, delete): form posts with antiforgery
/// that answer with a redirect (Post/Redirect/Get) carrying the outcome.
/// </summary>
internal static class AssetTypeConsoleEndpoints
{
    public static void Map(WebApplication app)
    {
        // [FromForm] makes the antiforgery check run; "confirm" is what the page's confirmation posts.
        app.MapPost("/ui/asset-types/{id:long}/clone", async (long id, [FromForm] string? confirm, HttpContext context, AssetTypes catalog, IActorAccessor actors) =>
            {
                var result = await catalog.CloneAsync(AdminIdentity.From(context.User)!, actors.Current, id, context.RequestAborted);
                return result.Succeeded
                    ? Results.Redirect($"/ui/asset-types/{Text(result.Value.Id)}?done=cloned")
                    : Back(id, result.Errors[0]);
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();

        app.MapPost("/ui/asset-types/{id:long}/{action:regex(^(activate|deactivate)$)}", async (long id, string action, [FromForm] string? confirm, HttpContext context, AssetTypes catalog, IActorAccessor actors) =>
            {
                var activate = action == "activate";
                var result = await catalog.SetActiveAsync(AdminIdentity.From(context.User)!, actors.Current, id, activate, context.RequestAborted);
                return result.Succeeded
                    ? Results.Redirect($"/ui/asset-types/{Text(id)}?done={(activate ? "activated" : "deactivated")}")
                    : Back(id, result.Errors[0]);
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();

        app.MapPost("/ui/asset-types/{id:long}/delete", async (long id, [FromForm] string? confirm, HttpContext context, AssetTypes catalog, IActorAccessor actors) =>
            {
                var result = await catalog.DeleteAsync(AdminIdentity.From(context.User)!, actors.Current, id, context.RequestAborted);
                return result.Succeeded ? Results.Redirect("/ui/asset-types?done=deleted") : Back(id, result.Errors[0]);
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
    }

    private static IResult Back(long id, Domain.DomainError error) =>
        error.Code == AssetTypes.NotFound.Code
            ? Results.Redirect("/ui/asset-types")
            : Results.Redirect($"/ui/asset-types/{Text(id)}?error={Uri.EscapeDataString(error.Message)}");

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
