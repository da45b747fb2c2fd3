namespace IpSolis.Server.Platform.Jobs;

/// <summary>Why an attempt ended without success.</summary>
public static class JobAttemptOutcomes
{
    public const string Failed = "failed";
    public const string TimedOut = "timed_out";

    /// <summary>Its node stopped renewing the lease (it died or lost the database); another node took the job.</summary>
    public const string LeaseExpired = "lease_expired";

    /// <summary>Its node shut down before the handler finished and handed the job back.</summary>
    public const string Released = "released";
}
