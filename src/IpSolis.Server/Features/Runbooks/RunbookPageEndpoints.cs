using IpSolis.Server.Platform.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// The form posts of <c>/ui/runbooks</c> (antiforgery validated: those that bind form fields implicitly, start and
/// cancel, which bind none, by their metadata) and the live fragment of a
/// run page. Each action answers with a redirect back to its page (Post/Redirect/Get) carrying what happened.
/// </summary>
public static class RunbookPageEndpoints
{
    public const string PagePath = "/ui/runbooks";

    public const string RunPath = "/ui/runbooks/runs";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ModulePageActions.Map(app);
        app.MapPost(PagePath + "/{id:long}/start", async (long id, RunbookRuns runs, IActorAccessor actors, CancellationToken ct) =>
            {
                var run = await runs.StartAsync(id, actors.Current, "manual", ct);
                return run.Succeeded
                    ? Results.Redirect($"{RunPath}/{run.Value.Id}")
                    : Results.Redirect($"{PagePath}/{id}?error={Uri.EscapeDataString(run.Errors[0].Message)}");
            })
            .RequireAuthorization(AdminPolicies.Admin).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        app.MapPost(RunPath + "/{id:long}/cancel", async (long id, RunbookRuns runs, IActorAccessor actors, CancellationToken ct) =>
            {
                var run = await runs.CancelAsync(id, actors.Current, ct);
                return Results.Redirect(run.Succeeded ? $"{RunPath}/{id}?done=cancel" : $"{RunPath}/{id}?error={Uri.EscapeDataString(run.Errors[0].Message)}");
            })
            .RequireAuthorization(AdminPolicies.Admin).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        app.MapPost(RunPath + "/{id:long}/retry", async (long id, [FromForm] string? from, RunbookRuns runs, IActorAccessor actors, CancellationToken ct) =>
            {
                var run = await runs.RetryAsync(id, from == "start", actors.Current, ct);
                return Results.Redirect(run.Succeeded ? $"{RunPath}/{run.Value.Id}" : $"{RunPath}/{id}?error={Uri.EscapeDataString(run.Errors[0].Message)}");
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
        app.MapGet(RunPath + "/{id:long}/fragment", (long id, HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                // Typed as IResult: the request delegate generator cannot see types the Razor compiler generates.
                return (IResult)new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<RunStepsPanel>(new Dictionary<string, object?> { [nameof(RunStepsPanel.RunId)] = id });
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).ExcludeFromDescription();
    }
}
