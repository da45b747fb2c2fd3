using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>Every recurring job this installation defines: those registered in code, then those in configuration
/// (a configured schedule with a code schedule's name replaces it).</summary>
public sealed class RecurringJobs(IEnumerable<RecurringJob> registered, IOptions<JobsOptions> options, JobKinds kinds)
{
    public IReadOnlyList<RecurringJob> All()
    {
        var byName = new Dictionary<string, RecurringJob>(StringComparer.Ordinal);
        foreach (var job in registered)
            byName[job.Name] = job;
        foreach (var (name, configured) in options.Value.Schedules)
        {
            byName[name] = new RecurringJob(name, configured.Cron, string.IsNullOrWhiteSpace(configured.TimeZone) ? "UTC" : configured.TimeZone,
                configured.Kind, string.IsNullOrWhiteSpace(configured.Payload) ? "{}" : configured.Payload)
            {
                Queue = string.IsNullOrWhiteSpace(configured.Queue) ? null : configured.Queue,
            };
        }

        return [.. byName.Values.OrderBy(j => j.Name, StringComparer.Ordinal)];
    }

    public string QueueOf(RecurringJob job) => job.Queue ?? (kinds.TryGet(job.Kind, out var kind) ? kind.Queue : JobQueues.Default);
}
