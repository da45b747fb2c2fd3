using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Http;

internal sealed class LoadSheddingOptionsValidator : IValidateOptions<LoadSheddingOptions>
{
    public ValidateOptionsResult Validate(string? name, LoadSheddingOptions options)
    {
        var problems = new List<string>();
        if (options.MaxConcurrentRequests is < 1 or > 100_000)
            problems.Add("IPSOLIS_LoadShedding__MaxConcurrentRequests: must be 1 to 100000.");
        if (options.MaxQueuedRequests is < 0 or > 1_000_000)
            problems.Add("IPSOLIS_LoadShedding__MaxQueuedRequests: must be 0 (no queue) to 1000000.");
        if (options.MaxQueueWaitMilliseconds is < 0 or > 60_000)
            problems.Add("IPSOLIS_LoadShedding__MaxQueueWaitMilliseconds: must be 0 to 60000.");
        if (options.MaxSqliteWriteWaiters is < 1 or > 100_000)
            problems.Add("IPSOLIS_LoadShedding__MaxSqliteWriteWaiters: must be 1 to 100000.");
        if (options.RetryAfterSeconds is < 1 or > 3600)
            problems.Add("IPSOLIS_LoadShedding__RetryAfterSeconds: must be 1 to 3600.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
