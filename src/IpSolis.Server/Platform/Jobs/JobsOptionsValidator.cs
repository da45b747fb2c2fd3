using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Jobs;

internal sealed class JobsOptionsValidator(JobKinds kinds) : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var problems = new List<string>();
        foreach (var (queue, queueOptions) in options.Queues)
        {
            if (!JobQueues.IsKnown(queue))
                problems.Add($"IPSOLIS_Jobs__Queues__{queue}: '{queue}' is not a queue; use {string.Join(", ", JobQueues.All)}.");
            if (queueOptions.Concurrency is < 1 or > 200)
                problems.Add($"IPSOLIS_Jobs__Queues__{queue}__Concurrency: must be between 1 and 200, got {queueOptions.Concurrency}.");
        }

        foreach (var queue in options.WorkedQueues().Where(q => !JobQueues.IsKnown(q)))
            problems.Add($"--queues: '{queue}' is not a queue; use any of {string.Join(", ", JobQueues.All)}.");
        if (options.LeaseSeconds is < 2 or > 3600)
            problems.Add($"IPSOLIS_Jobs__LeaseSeconds: must be between 2 and 3600, got {options.LeaseSeconds}.");
        if (options.HeartbeatSeconds < 1 || options.HeartbeatSeconds * 2 > options.LeaseSeconds)
            problems.Add($"IPSOLIS_Jobs__HeartbeatSeconds: must be at least 1 and at most half of LeaseSeconds ({options.LeaseSeconds}), got {options.HeartbeatSeconds}.");
        if (options.PollSeconds is < 0.05 or > 60)
            problems.Add($"IPSOLIS_Jobs__PollSeconds: must be between 0.05 and 60, got {options.PollSeconds}.");
        if (options.LeaderRetrySeconds is < 0.1 or > 60)
            problems.Add($"IPSOLIS_Jobs__LeaderRetrySeconds: must be between 0.1 and 60, got {options.LeaderRetrySeconds}.");
        if (options.RetentionDays is < 1 or > 3650)
            problems.Add($"IPSOLIS_Jobs__RetentionDays: must be between 1 and 3650, got {options.RetentionDays}.");
        if (options.ReadyWaitWarningSeconds < 1)
            problems.Add($"IPSOLIS_Jobs__ReadyWaitWarningSeconds: must be at least 1, got {options.ReadyWaitWarningSeconds}.");

        foreach (var (scheduleName, schedule) in options.Schedules)
        {
            var setting = $"IPSOLIS_Jobs__Schedules__{scheduleName}";
            if (CronSchedule.TryParse(schedule.Cron, schedule.TimeZone, out _) is { } problem)
                problems.Add($"{setting}: {problem}");
            if (!kinds.TryGet(schedule.Kind, out _))
                problems.Add($"{setting}__Kind: '{schedule.Kind}' is not a job kind; known kinds: {string.Join(", ", kinds.Names)}.");
            if (!string.IsNullOrEmpty(schedule.Queue) && !JobQueues.IsKnown(schedule.Queue))
                problems.Add($"{setting}__Queue: '{schedule.Queue}' is not a queue.");
            if (!string.IsNullOrWhiteSpace(schedule.Payload) && !IsJson(schedule.Payload))
                problems.Add($"{setting}__Payload: is not valid JSON.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
