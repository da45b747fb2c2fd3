namespace IpSolis.Server.Platform.Jobs;

/// <summary>The named queues. Each has its own worker concurrency, so slow provisioning never starves notifications.</summary>
public static class JobQueues
{
    public const string Provision = "provision";
    public const string Notifications = "notifications";
    public const string Default = "default";
    public const string Reclaim = "reclaim";

    public static readonly IReadOnlyList<string> All = [Provision, Notifications, Default, Reclaim];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
