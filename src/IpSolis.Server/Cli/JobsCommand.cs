using System.CommandLine;
using System.Text.Json;
using IpSolis.Domain.Jobs;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Cli;

/// <summary>
/// <c>ipsolis jobs drill --count N [--sleep-ms M]</c> enqueues drill jobs for the running worker pool;
/// <c>ipsolis jobs drill --report</c> checks that each succeeded exactly once and none was lost.
/// </summary>
internal static class JobsCommand
{
    private const int EnqueueBatch = 1000;

    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "How many drill jobs to enqueue.", DefaultValueFactory = _ => 100 };
        var sleep = new Option<int>("--sleep-ms") { Description = "How long each drill job works before recording." };
        var fail = new Option<int>("--fail-attempts") { Description = "How many first attempts of each job fail on purpose (drills retries)." };
        var queue = new Option<string>("--queue") { Description = "The queue to drill.", DefaultValueFactory = _ => JobQueues.Default };
        var kind = new Option<string>("--kind") { Description = $"{JobDrill.Kind} (records each success) or {NoopJob.Kind} (measures the queue alone).", DefaultValueFactory = _ => JobDrill.Kind };
        var batch = new Option<string?>("--batch") { Description = "Name of the drill (default: a new one); --report limits itself to it." };
        var report = new Option<bool>("--report") { Description = "Report on drill jobs instead of enqueuing: counts, duplicates, missing." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var drill = new Command("drill", "Check a worker pool end to end: enqueue drill jobs, then report whether each ran exactly once.")
        {
            count, sleep, fail, queue, kind, batch, report, json,
        };
        drill.SetAction((result, cancellationToken) => result.GetValue(report)
            ? ReportAsync(result.GetValue(batch), result.GetValue(json), cancellationToken)
            : EnqueueAsync(result.GetValue(count), result.GetValue(sleep), result.GetValue(fail), result.GetValue(queue)!, result.GetValue(kind)!, result.GetValue(batch), cancellationToken));
        return new Command("jobs", "Work with the background job queue.") { drill };
    }

    private static async Task<int> EnqueueAsync(int count, int sleepMs, int failAttempts, string queue, string kind, string? batch, CancellationToken cancellationToken)
    {
        if (count < 1)
            return CommandOutput.Fail("--count: must be at least 1.");
        if (!JobQueues.IsKnown(queue))
            return CommandOutput.Fail($"--queue: '{queue}' is not a queue; use {string.Join(", ", JobQueues.All)}.");
        if (kind is not (JobDrill.Kind or NoopJob.Kind))
            return CommandOutput.Fail($"--kind: use {JobDrill.Kind} or {NoopJob.Kind}.");
        await using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;

        batch ??= DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];
        var contexts = app.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        var jobs = app.Services.GetRequiredService<IJobQueue>();
        var payload = JobPayloads.Serialize(new JobDrillPayload(batch, sleepMs, failAttempts));
        try
        {
            for (var done = 0; done < count;)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var size = Math.Min(EnqueueBatch, count - done);
                for (var i = 0; i < size; i++)
                    await jobs.EnqueueAsync(db, new JobRequest(kind, payload) { Queue = queue }, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                done += size;
            }
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return CommandOutput.Fail($"cannot reach the database: {ex.GetBaseException().Message}");
        }

        Console.WriteLine($"enqueued {count} {kind} job(s) on queue {queue}, batch {batch}");
        return CommandOutput.Success;
    }

    private static async Task<int> ReportAsync(string? batch, bool asJson, CancellationToken cancellationToken)
    {
        await using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;
        var contexts = app.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        DrillReport report;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            report = await DrillReport.LoadAsync(db, batch, cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return CommandOutput.Fail($"cannot reach the database: {ex.GetBaseException().Message}");
        }

        if (asJson)
            Console.WriteLine(JsonSerializer.Serialize(report, JobPayloads.Json));
        else
        {
            Console.WriteLine($"drill {batch ?? "(all batches)"}: {report.Jobs} job(s)");
            Console.WriteLine($"  succeeded {report.Succeeded}, pending {report.Pending}, running {report.Running}, dead {report.Dead}, cancelled {report.Cancelled}");
            Console.WriteLine($"  recorded {report.Recorded} result(s) for {report.RecordedJobs} job(s): duplicates {report.Duplicates}, missing {report.Missing}");
            Console.WriteLine($"  retried {report.Retried} job(s); by node: {string.Join(", ", report.ByNode.Select(n => $"{n.Key} {n.Value}"))}");
            if (report.FirstRecordedAt is { } first && report.LastRecordedAt is { } last)
                Console.WriteLine($"  recorded from {first:O} to {last:O}");
        }

        return report.Duplicates == 0 && report.Missing == 0 ? CommandOutput.Success : CommandOutput.Failure;
    }

    /// <summary>What a drill shows: where the jobs are and whether each success was recorded exactly once.</summary>
    internal sealed record DrillReport(
        int Jobs, int Succeeded, int Pending, int Running, int Dead, int Cancelled,
        int Recorded, int RecordedJobs, int Duplicates, int Missing, int Retried,
        Dictionary<string, int> ByNode, DateTimeOffset? FirstRecordedAt, DateTimeOffset? LastRecordedAt)
    {
        public static async Task<DrillReport> LoadAsync(IpSolisDbContext db, string? batch, CancellationToken cancellationToken)
        {
            var jobs = db.Set<Job>().AsNoTracking().Where(j => j.Kind == JobDrill.Kind);
            var results = db.Set<JobDrillResult>().AsNoTracking();
            if (batch is not null)
            {
                var marker = $"\"batch\":{JsonSerializer.Serialize(batch)}";
                jobs = jobs.Where(j => j.Payload.Contains(marker));
                results = results.Where(r => r.Batch == batch);
            }

            var states = await jobs.GroupBy(j => j.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            int Of(JobState state) => states.FirstOrDefault(s => s.State == state)?.Count ?? 0;
            var perJob = await results.GroupBy(r => r.JobId).Select(g => new { JobId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var succeededIds = await jobs.Where(j => j.State == JobState.Succeeded).Select(j => j.Id).ToListAsync(cancellationToken);
            var recordedIds = perJob.Select(p => p.JobId).ToHashSet();
            var byNode = await results.GroupBy(r => r.NodeId).Select(g => new { Node = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var retried = await jobs.CountAsync(j => j.Attempt > 1, cancellationToken);
            var times = await results.Select(r => r.FinishedAt).ToListAsync(cancellationToken);
            return new DrillReport(
                states.Sum(s => s.Count), Of(JobState.Succeeded), Of(JobState.Pending), Of(JobState.Running), Of(JobState.Dead), Of(JobState.Cancelled),
                perJob.Sum(p => p.Count), perJob.Count, perJob.Sum(p => p.Count - 1), succeededIds.Count(id => !recordedIds.Contains(id)), retried,
                byNode.ToDictionary(n => n.Node, n => n.Count), times.Count == 0 ? null : times.Min(), times.Count == 0 ? null : times.Max());
        }
    }
}
