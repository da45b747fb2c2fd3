using System.Globalization;
using IpSolis.Domain;
using IpSolis.Server.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// The step list buttons of a runbook's page: Up and Down (the reordering that works without script), the whole new
/// order (what the drag-and-drop and keyboard editor saves) and Remove. Administrators only; form posts with
/// antiforgery (their form fields make it required) that answer with a redirect back to the page (Post/Redirect/Get).
/// Each carries the runbook's stamp, so an edit made on a page that is out of date is refused rather than applied to
/// steps the person did not see.
/// </summary>
public static class RunbookStepActions
{
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var path = RunbookPageEndpoints.PagePath + "/{id:long}";
        app.MapPost(path + "/steps/{position:int}/move", async (long id, int position, [FromForm] string? direction, [FromForm] long? stamp,
                RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
            {
                if (direction is not ("up" or "down"))
                    return Back(id, "error", "Move a step up or down.");
                var to = direction == "up" ? position - 1 : position + 1;
                var saved = await admin.EditStepsAsync(id, stamp ?? 0, steps => Move(steps, position, to), actors.Current, ct);
                return saved.Succeeded ? Back(id, "done", "moved", to) : Back(id, "error", Messages(saved.Errors));
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
        app.MapPost(path + "/order", async (long id, [FromForm] string? order, [FromForm] long? stamp,
                RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
            {
                var names = (order ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var saved = await admin.EditStepsAsync(id, stamp ?? 0, steps => Reorder(steps, names), actors.Current, ct);
                return saved.Succeeded ? Back(id, "done", "reordered") : Back(id, "error", Messages(saved.Errors));
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
        app.MapPost(path + "/steps/{position:int}/delete", async (long id, int position, [FromForm] long? stamp,
                RunbookAdministration admin, IActorAccessor actors, CancellationToken ct) =>
            {
                var saved = await admin.EditStepsAsync(id, stamp ?? 0, steps =>
                {
                    if (position < 1 || position > steps.Count)
                        return NoStep(position);
                    steps.RemoveAt(position - 1);
                    return null;
                }, actors.Current, ct);
                return saved.Succeeded ? Back(id, "done", "removed") : Back(id, "error", Messages(saved.Errors));
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
    }

    /// <summary>Moves the step at 1-based <paramref name="from"/> to <paramref name="to"/>; the others keep their order.</summary>
    public static DomainError? Move(List<RunbookStepRequest> steps, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (from < 1 || from > steps.Count)
            return NoStep(from);
        if (to < 1 || to > steps.Count)
            return new DomainError("runbook.step_move", $"Step {from} is already the {(to < 1 ? "first" : "last")} one.", "position");
        var step = steps[from - 1];
        steps.RemoveAt(from - 1);
        steps.Insert(to - 1, step);
        return null;
    }

    /// <summary>Puts the steps in the order of <paramref name="names"/>, which must name every step exactly once.</summary>
    public static DomainError? Reorder(List<RunbookStepRequest> steps, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(names);
        var current = steps.Select(s => s.Name ?? "").ToList();
        if (names.Count != current.Count || names.Distinct(StringComparer.Ordinal).Count() != names.Count || names.Any(n => !current.Contains(n, StringComparer.Ordinal)))
            return new DomainError("runbook.step_order", $"The new order must name each of the {current.Count} steps once ({string.Join(", ", current)}); reload the page and try again.", "order");
        var byName = steps.ToDictionary(s => s.Name ?? "", StringComparer.Ordinal);
        steps.Clear();
        steps.AddRange(names.Select(n => byName[n]));
        return null;
    }

    private static DomainError NoStep(int position) =>
        new("runbook.step_missing", $"There is no step {position.ToString(CultureInfo.InvariantCulture)}; reload the page.", "position");

    private static string Messages(IEnumerable<DomainError> errors) => string.Join(" ", errors.Select(e => e.Message));

    private static IResult Back(long id, string key, string value, int? step = null) =>
        Results.Redirect($"{RunbookPageEndpoints.PagePath}/{id.ToString(CultureInfo.InvariantCulture)}?{key}={Uri.EscapeDataString(value)}"
            + (step is { } s ? $"#step-{s.ToString(CultureInfo.InvariantCulture)}" : ""));
}
