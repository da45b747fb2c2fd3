namespace IpSolis.Server.Platform.Jobs;

/// <summary>What one drill job does.</summary>
/// <param name="Batch">Groups the jobs of one <c>jobs drill</c> run for its report.</param>
/// <param name="SleepMs">How long it works before recording.</param>
/// <param name="FailAttempts">How many first attempts fail on purpose (to drill retries).</param>
public sealed record JobDrillPayload(string? Batch, int SleepMs = 0, int FailAttempts = 0);
