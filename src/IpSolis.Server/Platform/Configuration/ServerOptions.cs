namespace IpSolis.Server.Platform.Configuration;

/// <summary>How a node serves and stops.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>On SIGTERM/SIGINT: how long in-flight requests and background work may take to finish.</summary>
    public int ShutdownGraceSeconds { get; set; } = 25;

    /// <summary>Maps <c>/_diagnostics/delay/{ms}</c>, a request that takes as long as asked: for load-balancer
    /// drain drills and the shutdown test. Off unless asked for.</summary>
    public bool EnableDelayEndpoint { get; set; }

    /// <summary>Where the node keeps local files (the development secret; the SQLite file by default).</summary>
    public string DataDirectory { get; set; } = "data";
}
