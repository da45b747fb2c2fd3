using IpSolis.Domain;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// <c>/api/v1/runbooks</c>, <c>/api/v1/runbook-runs</c>, <c>/api/v1/script-modules</c>, <c>/api/v1/runbook-variables</c>
/// and <c>/api/v1/runbook-modules</c>. Reading is for helpdesk and up (tokens: <c>config:read</c>); changing
/// runbooks and runs is for administrators (<c>config:write</c>); script modules and variables run code on the server or
/// hold credentials, so changing them and test runs are for superadministrators.
/// </summary>
public static class RunbooksEndpoints
{
    public const string Read = "config:read";
    public const string Write = "config:write";

    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
        var runbooks = api.MapGroup("/runbooks").WithTags("Runbooks");
        runbooks.MapGet("", async (IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var list = await db.Set<Runbook>().AsNoTracking().Include(r => r.Steps).OrderBy(r => r.Name).ToListAsync(ct);
                return Results.Json(list.Select(RunbookViews.Runbook));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope(Read).WithSummary("Every runbook with its steps.");
        runbooks.MapGet("/{id:long}", async (long id, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var runbook = await db.Set<Runbook>().AsNoTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == id, ct);
                return runbook is null ? NotFound("runbook", id) : Results.Json(RunbookViews.Runbook(runbook));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope(Read).WithSummary("One runbook with its steps.");
        runbooks.MapPost("", async (RunbookRequest request, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
                Answer(await admin.SaveRunbookAsync(null, request, actors.Current, ct), r => Results.Created($"/api/v1/runbooks/{r.Id}", RunbookViews.Runbook(r))))
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope(Write).WithSummary("Creates a runbook (asset-bound: assetTypeId + action; standalone: neither). Audited.");
        runbooks.MapPut("/{id:long}", async (long id, RunbookRequest request, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
                Answer(await admin.SaveRunbookAsync(id, request, actors.Current, ct), r => Results.Json(RunbookViews.Runbook(r))))
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope(Write).WithSummary("Replaces a runbook and its complete step list. Audited.");
        runbooks.MapDelete("/{id:long}", async (long id, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
                Answer(await admin.DeleteRunbookAsync(id, actors.Current, ct), _ => Results.NoContent()))
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope(Write).WithSummary("Deletes a runbook without unfinished runs. Audited.");
        runbooks.MapPost("/{id:long}/runs", async (long id, RunbookRuns runs, IActorAccessor actors, CancellationToken ct) =>
                Answer(await runs.StartAsync(id, actors.Current, "manual", ct), r => Results.Accepted($"/api/v1/runbook-runs/{r.Id}", RunbookViews.RunSummary(r))))
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope(Write).WithSummary("Starts a standalone runbook now. Audited.");
        runbooks.MapGet("/{id:long}/runs", async (long id, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var list = await db.Set<RunbookRun>().AsNoTracking().Where(r => r.RunbookId == id).OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
                return Results.Json(list.Select(RunbookViews.RunSummary));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope(Read).WithSummary("The runbook's last 50 runs.");

        runbooks.MapPost("/seed", async (RunbookSeed seed, IActorAccessor actors, CancellationToken ct) =>
                Results.Json(new { added = await seed.SeedAsync(actors.Current, ct) }))
            .RequireAuthorization(AdminPolicies.Superadmin).RequireTokenScope(Write)
            .WithSummary("Adds the example modules, variables and the Virtual Machine Recycler where their names are missing (never overwrites). Audited.");

        var runs = api.MapGroup("/runbook-runs").WithTags("Runbooks");
        runs.MapGet("/{id:long}", async (long id, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var run = await db.Set<RunbookRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
                if (run is null)
                    return NotFound("runbook_run", id);
                var steps = await db.Set<RunbookRunStep>().AsNoTracking().Where(s => s.RunId == id).ToListAsync(ct);
                return Results.Json(RunbookViews.Run(run, steps));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope(Read).WithSummary("A run with its live step log (secrets masked).");
        runs.MapPost("/{id:long}/cancel", async (long id, RunbookRuns service, IActorAccessor actors, CancellationToken ct) =>
                Answer(await service.CancelAsync(id, actors.Current, ct), r => Results.Accepted($"/api/v1/runbook-runs/{r.Id}", RunbookViews.RunSummary(r))))
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope(Write).WithSummary("Cancels a run; the step in flight is killed with its process tree. Audited.");
        runs.MapPost("/{id:long}/retry", async (long id, RunbookRetryRequest? request, HttpContext context, RunbookRuns service, OrderLifecycle lifecycle,
                AssetTypeScopes scopes, IActorAccessor actors, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                var from = request?.From ?? "failed";
                if (from is not ("failed" or "start"))
                    return RuleProblems.From([new DomainError("runbook_run.from", "from is 'failed' (resume at the failed step) or 'start'.", "from")]);
                await using var db = await contexts.CreateDbContextAsync(ct);
                var orderId = await db.Set<RunbookRun>().Where(r => r.Id == id).Select(r => r.OrderId).FirstOrDefaultAsync(ct);
                OrderCaller? caller = null;
                if (orderId is { } oid)
                {
                    caller = OrderCaller.Administrator(actors.Current, await scopes.ForAsync(context.User, ct));
                    var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == oid, ct);
                    if (order is null || !caller.Reaches(order))
                        return NotFound("runbook_run", id);
                }

                var again = await service.RetryAsync(id, from == "start", actors.Current, ct);
                if (!again.Succeeded)
                    return RuleProblems.From(again.Errors);
                if (orderId is { } retried)
                {
                    // The order goes back to processing; its run waits for the new runbook run, which is already queued.
                    var order = await lifecycle.RetryAsync(retried, caller!, ct);
                    if (!order.Succeeded)
                        return RuleProblems.From(order.Errors);
                }

                return Results.Accepted($"/api/v1/runbook-runs/{again.Value.Id}", RunbookViews.RunSummary(again.Value));
            })
            .RequireAuthorization(AdminPolicies.Admin).RequireTokenScope(Write).WithSummary("Runs a failed run again from its failed step or from the start (an order's run retries its order). Audited.");
        api.MapGet("/orders/{id:long}/runbook-runs", async (long id, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var list = await db.Set<RunbookRun>().AsNoTracking().Where(r => r.OrderId == id).OrderByDescending(r => r.Id).ToListAsync(ct);
                return Results.Json(list.Select(RunbookViews.RunSummary));
            })
            .WithTags("Runbooks").RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope(Read).WithSummary("The runbook runs of an order, newest first.");

        var modules = api.MapGroup("/script-modules").WithTags("Runbooks");
        modules.MapGet("", async (IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                return Results.Json((await db.Set<ScriptModule>().AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct)).Select(RunbookViews.Module));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope(Read).WithSummary("Every script module with its script and parameter schema.");
        modules.MapGet("/{id:long}", async (long id, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var module = await db.Set<ScriptModule>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
                return module is null ? NotFound("script_module", id) : Results.Json(RunbookViews.Module(module));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope(Read).WithSummary("One script module.");
        modules.MapPost("", async (ScriptModuleRequest request, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
                Answer(await admin.SaveScriptModuleAsync(null, request, actors.Current, ct), m => Results.Created($"/api/v1/script-modules/{m.Id}", RunbookViews.Module(m))))
            .RequireAuthorization(AdminPolicies.Superadmin).RequireTokenScope(Write).WithSummary("Creates a script module. Superadmins only. Audited.");
        modules.MapPut("/{id:long}", async (long id, ScriptModuleRequest request, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
                Answer(await admin.SaveScriptModuleAsync(id, request, actors.Current, ct), m => Results.Json(RunbookViews.Module(m))))
            .RequireAuthorization(AdminPolicies.Superadmin).RequireTokenScope(Write).WithSummary("Replaces a script module. Superadmins only. Audited.");
        modules.MapDelete("/{id:long}", async (long id, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
                Answer(await admin.DeleteScriptModuleAsync(id, actors.Current, ct), _ => Results.NoContent()))
            .RequireAuthorization(AdminPolicies.Superadmin).RequireTokenScope(Write).WithSummary("Deletes a module no runbook uses (409 names those that do). Audited.");
        modules.MapPost("/{id:long}/test", async (long id, ScriptTestRequest request, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
                Answer(await admin.TestScriptModuleAsync(id, request, actors.Current, ct), r => Results.Json(r)))
            .RequireAuthorization(AdminPolicies.Superadmin).RequireTokenScope(Write).WithSummary("Runs the module once with sample parameters (at most 120 s) and returns its result, log, stdout, stderr, exit code and duration in ms, masked. Audited.");

        api.MapGet("/runbook-modules", (RunbookAdministration admin) => Results.Json(admin.Modules.Select(RunbookViews.BuiltIn)))
            .WithTags("Runbooks").RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope(Read).WithSummary("The built-in step modules with their parameters.");

        var variables = api.MapGroup("/runbook-variables").WithTags("Runbooks");
        variables.MapGet("", async (IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                return Results.Json((await db.Set<RunbookVariable>().AsNoTracking().OrderBy(v => v.Key).ToListAsync(ct)).Select(RunbookViews.Variable));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).RequireTokenScope(Read).WithSummary("Global variables; a secret's value is never returned.");
        variables.MapPut("/{key}", async (string key, RunbookVariableRequest request, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
                Answer(await admin.SetVariableAsync(key, request, actors.Current, ct), v => Results.Json(RunbookViews.Variable(v))))
            .RequireAuthorization(AdminPolicies.Superadmin).RequireTokenScope(Write).WithSummary("Sets a global variable (a secret is sealed at rest; an empty value keeps a stored secret). Audited without the value of a secret.");
        variables.MapDelete("/{key}", async (string key, RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
                Answer(await admin.DeleteVariableAsync(key, actors.Current, ct), _ => Results.NoContent()))
            .RequireAuthorization(AdminPolicies.Superadmin).RequireTokenScope(Write).WithSummary("Deletes a global variable. Audited.");

        RunbookPageEndpoints.Map(app);
    }

    private static IResult Answer<T>(Result<T> result, Func<T, IResult> success) => result.Succeeded ? success(result.Value) : RuleProblems.From(result.Errors);

    private static IResult NotFound(string what, long id) => RuleProblems.From([new DomainError(what + ".not_found", $"There is no {what.Replace('_', ' ')} {id}.", "id")]);
}
