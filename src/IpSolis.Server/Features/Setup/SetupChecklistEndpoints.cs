using IpSolis.Server.Platform.Security;

namespace IpSolis.Server.Features.Setup;

public static class SetupChecklistEndpoints
{
    /// <summary><c>GET /api/v1/admin/setup/state</c>: the checklist as JSON (superadmin).</summary>
    public static RouteGroupBuilder MapSetupChecklist(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/setup/state", async (SetupChecklist checklist, HttpContext context) =>
            {
                var state = await checklist.EvaluateAsync(context.RequestServices, context.RequestAborted);
                return Results.Json(new
                {
                    items = state.Steps.Select(s => new { key = s.Key, label = s.Label, done = s.Done, hint = s.Hint, link = s.Link, tier = s.Tier.ToString().ToLowerInvariant() }),
                    essential = new { done = state.EssentialDone, total = state.EssentialTotal },
                    recommended = new { done = state.RecommendedDone, total = state.RecommendedTotal },
                    complete = state.Complete,
                });
            })
            .RequireAuthorization(AdminPolicies.Superadmin).RequireTokenScope("config:read").WithTags("Setup")
            .WithSummary("The setup checklist: each step, whether it is done, and the page where it is done.");
        return api;
    }
}
