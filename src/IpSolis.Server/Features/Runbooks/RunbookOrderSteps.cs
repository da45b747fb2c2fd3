using IpSolis.Domain;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Orders;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// Puts the order's runbook run in its step log: one step at <see cref="OrderRunStep.Act"/> that reports the run the
/// gate waited for (the runbook's own steps ran before, outside the order's transaction, and are on the run's page).
/// Orders without a runbook run get no step, so their log is as before.
/// </summary>
public sealed class RunbookOrderSteps : IOrderStepSource
{
    public IEnumerable<OrderRunStep> StepsFor(OrderRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        // Synchronous by the interface's design; one indexed read inside the run's transaction.
        var latest = run.Database.Set<RunbookRun>().AsNoTracking().Where(r => r.OrderId == run.Order.Id)
            .OrderByDescending(r => r.Id).Select(r => new { r.Id, r.RunbookName, r.Status, r.Notes }).FirstOrDefault();
        if (latest is null)
            yield break;
        yield return new OrderRunStep("runbook", $"Runbook: {latest.RunbookName}", OrderRunStep.Act, async (r, ct) =>
        {
            if (latest.Status != RunbookRunStatus.Succeeded)
                return OrderStepOutcome.Failed($"Runbook run {latest.Id} is {WireName<RunbookRunStatus>.Of(latest.Status)}.");
            var counts = await r.Database.Set<RunbookRunStep>().AsNoTracking().Where(s => s.RunId == latest.Id)
                .GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Count} {WireName<RunbookStepStatus>.Of(c.Key)}"));
            return OrderStepOutcome.Succeeded($"Run {latest.Id}: {(summary.Length == 0 ? "no steps" : summary)}." + (latest.Notes is null ? "" : " " + latest.Notes));
        });
    }
}
