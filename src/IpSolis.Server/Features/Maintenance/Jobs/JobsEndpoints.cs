using System.Globalization;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Maintenance.Jobs;

/// <summary>
/// <c>/api/v1/admin/jobs</c> (read for helpdesk and up, change for admins) and the form posts of <c>/ui/jobs</c>,
/// which answer with a redirect back to the page (Post/Redirect/Get).
/// </summary>
public static class JobsEndpoints
{
    public const string PagePath = "/ui/jobs";

    public static void MapJobsAdministration(WebApplication app, RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/admin/jobs").WithTags("Jobs");
        jobs.MapGet("", async (IDbContextFactory<IpSolisDbContext> contexts, TimeProvider time, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                return Results.Json(await JobsOverview.LoadAsync(db, time.GetUtcNow(), ct));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk)
            .WithSummary("Queue depths, running jobs, recent failures, dead jobs, recurring schedules and the scheduler leader.");
        jobs.MapGet("/{id:long}", async (long id, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                return await JobsOverview.LoadJobAsync(db, id, ct) is { } job ? Results.Json(job) : Problem(JobActionResult.NotFound, $"job {id}");
            })
            .RequireAuthorization(AdminPolicies.Helpdesk)
            .WithSummary("One job with its payload and every failed attempt's error.");
        jobs.MapPost("/{id:long}/retry", async (long id, JobActions actions, IActorAccessor actors, CancellationToken ct) =>
                Answer(await actions.RetryAsync(id, actors.Current, ct), $"job {id}"))
            .RequireAuthorization(AdminPolicies.Admin)
            .WithSummary("Runs a dead or cancelled job again with fresh attempts (or a pending retry now).");
        jobs.MapPost("/{id:long}/cancel", async (long id, JobActions actions, IActorAccessor actors, CancellationToken ct) =>
                Answer(await actions.CancelAsync(id, actors.Current, ct), $"job {id}"))
            .RequireAuthorization(AdminPolicies.Admin)
            .WithSummary("Cancels a pending or running job; a running handler is stopped at its node's next heartbeat.");
        jobs.MapDelete("/{id:long}", async (long id, JobActions actions, IActorAccessor actors, CancellationToken ct) =>
                Answer(await actions.DeleteAsync(id, actors.Current, ct), $"job {id}"))
            .RequireAuthorization(AdminPolicies.Admin)
            .WithSummary("Deletes a finished (dead, succeeded or cancelled) job and its attempts.");
        jobs.MapPost("/schedules/{name}/run", async (string name, JobActions actions, IActorAccessor actors, CancellationToken ct) =>
            {
                var (result, jobId) = await actions.RunNowAsync(name, actors.Current, ct);
                return result == JobActionResult.Done ? Results.Json(new { jobId }, statusCode: StatusCodes.Status202Accepted) : Problem(result, $"schedule {name}");
            })
            .RequireAuthorization(AdminPolicies.Admin)
            .WithSummary("Fires a recurring schedule's job now; its regular ticks are unchanged.");

        // The page's forms: antiforgery is validated because they bind form fields.
        app.MapPost(PagePath + "/{id:long}/{action:regex(^(retry|cancel|delete)$)}", async (long id, string action, [FromForm] string? confirm, JobActions actions, IActorAccessor actors, CancellationToken ct) =>
            {
                var result = action switch
                {
                    "retry" => await actions.RetryAsync(id, actors.Current, ct),
                    "cancel" => await actions.CancelAsync(id, actors.Current, ct),
                    _ => await actions.DeleteAsync(id, actors.Current, ct),
                };
                return Results.Redirect($"{PagePath}?{Query(action, result, id.ToString(CultureInfo.InvariantCulture))}");
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
        app.MapPost(PagePath + "/schedules/{name}/run", async (string name, [FromForm] string? confirm, JobActions actions, IActorAccessor actors, CancellationToken ct) =>
            {
                var (result, _) = await actions.RunNowAsync(name, actors.Current, ct);
                return Results.Redirect($"{PagePath}?{Query("run", result, name)}");
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
    }

    private static string Query(string action, JobActionResult result, string subject) =>
        $"done={Uri.EscapeDataString(action)}&result={Uri.EscapeDataString(result.ToString())}&subject={Uri.EscapeDataString(subject)}";

    private static IResult Answer(JobActionResult result, string subject) =>
        result == JobActionResult.Done ? Results.NoContent() : Problem(result, subject);

    private static IResult Problem(JobActionResult result, string subject) => result switch
    {
        JobActionResult.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no {subject}.",
            extensions: new Dictionary<string, object?> { ["code"] = "job.not_found" }),
        JobActionResult.AlreadyQueued => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: $"A job for {subject} is already pending or running.",
            extensions: new Dictionary<string, object?> { ["code"] = "job.already_queued" }),
        _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The action does not apply to {subject} in its current state.",
            extensions: new Dictionary<string, object?> { ["code"] = "job.wrong_state" }),
    };

    /// <summary>The notice the page shows after a form post.</summary>
    public static (bool Ok, string Text)? Notice(string? action, string? result, string? subject)
    {
        if (action is null || result is null || !Enum.TryParse<JobActionResult>(result, out var outcome))
            return null;
        var what = action == "run" ? $"schedule {subject}" : $"job {subject}";
        return outcome switch
        {
            JobActionResult.Done => (true, action switch
            {
                "retry" => $"Job {subject} is queued again.",
                "cancel" => $"Job {subject} is cancelled.",
                "delete" => $"Job {subject} is deleted.",
                _ => $"Schedule {subject} fired; its job is queued.",
            }),
            JobActionResult.NotFound => (false, $"There is no {what} (any more)."),
            JobActionResult.AlreadyQueued => (false, $"A job for {what} is already pending or running."),
            _ => (false, $"That action does not apply to {what} in its current state."),
        };
    }
}
