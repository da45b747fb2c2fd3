using IpSolis.Domain;
using IpSolis.Server.Platform.Configuration;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Observability;

/// <summary>Logs the start and each phase of a graceful shutdown, so an operator can see where a slow stop waits.</summary>
internal sealed partial class ShutdownPhases(
    IHostApplicationLifetime lifetime,
    IOptions<ServerOptions> options,
    NodeIdentity node,
    Data.DatabaseConnection database,
    ILogger<ShutdownPhases> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => LogStarted(logger, ProductVersion.Display, node.Id, NodeRoles.Format(node.Roles), database.Describe()));
        lifetime.ApplicationStopping.Register(() => LogStopping(logger, options.Value.ShutdownGraceSeconds));
        lifetime.ApplicationStopped.Register(() => LogStopped(logger));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        LogBackgroundStopping(logger);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ip·Solis {Version} started: node {NodeId}, roles {Roles}, database {Database}")]
    private static partial void LogStarted(ILogger logger, string version, string nodeId, string roles, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown requested: no longer accepting connections; in-flight requests have up to {GraceSeconds} s to finish")]
    private static partial void LogStopping(ILogger logger, int graceSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping background services")]
    private static partial void LogBackgroundStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown complete")]
    private static partial void LogStopped(ILogger logger);
}
