using IpSolis.Server.Platform.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// The form posts of <c>/ui/runbooks</c> (antiforgery validated: those that bind form fields implicitly, start and
/// cancel, which bind none, by their metadata), the step list actions (<see cref="RunbookStepActions"/>) and the
/// live fragment of a run page. The step editor, the settings form and a script module's test run are forms of their pages (they re-render with
/// each problem at its field and the typed values, which a redirect cannot carry). Each action answers with a redirect back to its page (Post/Redirect/Get) carrying what happened.
/// </summary>
public static class RunbookPageEndpoints
{
    public const string PagePath = "/ui/runbooks";

    public const string RunPath = "/ui/runbooks/runs";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RunbookStepActions.Map(app);
        app.MapPost(PagePath + "/new", async ([FromForm] string? name, [FromForm] string? description, [FromForm] string? assetTypeId, [FromForm] string? action,
                RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
            {
                // "Standalone" posts an empty asset type; anything else must be a type's id.
                long? typeId = null;
                if (!string.IsNullOrEmpty(assetTypeId))
                {
                    if (!long.TryParse(assetTypeId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                        return Results.Redirect($"{PagePath}?error={Uri.EscapeDataString("Choose an asset type from the list, or Standalone.")}");
                    typeId = parsed;
                }

                // A new runbook starts active and empty: its steps are added on its own page, where the editor is.
                var request = new RunbookRequest(name, description, typeId, typeId is null ? null : action, true, null, null, null, null, []);
                var created = await admin.SaveRunbookAsync(null, request, actors.Current, ct);
                return created.Succeeded
                    ? Results.Redirect($"{PagePath}/{created.Value.Id}?done=created")
                    : Results.Redirect($"{PagePath}?error={Uri.EscapeDataString(string.Join(" ", created.Errors.Select(e => e.Message)))}");
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
        app.MapPost(PagePath + "/{id:long}/start", async (long id, RunbookRuns runs, IActorAccessor actors, CancellationToken ct) =>
            {
                var run = await runs.StartAsync(id, actors.Current, "manual", ct);
                return run.Succeeded
                    ? Results.Redirect($"{RunPath}/{run.Value.Id}")
                    : Results.Redirect($"{PagePath}/{id}?error={Uri.EscapeDataString(run.Errors[0].Message)}");
            })
            .RequireAuthorization(AdminPolicies.Admin).WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(RefuseForgedPost).ExcludeFromDescription();
        app.MapPost(RunPath + "/{id:long}/cancel", async (long id, RunbookRuns runs, IActorAccessor actors, CancellationToken ct) =>
            {
                var run = await runs.CancelAsync(id, actors.Current, ct);
                return Results.Redirect(run.Succeeded ? $"{RunPath}/{id}?done=cancel" : $"{RunPath}/{id}?error={Uri.EscapeDataString(run.Errors[0].Message)}");
            })
            .RequireAuthorization(AdminPolicies.Admin).WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(RefuseForgedPost).ExcludeFromDescription();
        app.MapPost(RunPath + "/{id:long}/retry", async (long id, [FromForm] string? from, RunbookRuns runs, IActorAccessor actors, CancellationToken ct) =>
            {
                var run = await runs.RetryAsync(id, from == "start", actors.Current, ct);
                return Results.Redirect(run.Succeeded ? $"{RunPath}/{run.Value.Id}" : $"{RunPath}/{id}?error={Uri.EscapeDataString(run.Errors[0].Message)}");
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
        app.MapGet(RunPath + "/{id:long}/fragment", IResult (long id, HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<RunStepsPanel>(new Dictionary<string, object?> { [nameof(RunStepsPanel.RunId)] = id });
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).ExcludeFromDescription();
    }

    /// <summary>
    /// The antiforgery middleware only records whether a post's token was valid; form binding and Blazor forms refuse
    /// an invalid one, but an endpoint that binds no form field (start, cancel) must refuse it itself, or the
    /// metadata alone would let a forged post through.
    /// </summary>
    private static async ValueTask<object?> RefuseForgedPost(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
            ? await next(context)
            : Results.BadRequest("A valid antiforgery token was not provided with this form.");
}
