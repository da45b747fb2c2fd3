using IpSolis.Server.Platform.Data;
using Npgsql;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// PostgreSQL only: LISTENs on a dedicated connection for the NOTIFY every enqueue sends on commit, and wakes this
/// node's workers of that queue, so a job starts within milliseconds instead of at the next poll.
/// </summary>
internal sealed partial class JobNotificationListener(DatabaseConnection database, JobSignal signal, ILogger<JobNotificationListener> logger) : BackgroundService
{
    // One SQLite node: enqueues wake its workers in process. Not an early return inside ListenAsync, so a SQLite
    // node never prepares a method (and its state machine) that names Npgsql types.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        database.IsSqlite ? Task.CompletedTask : ListenAsync(stoppingToken);

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 10 };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => signal.Notify(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {JobSignal.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Jobs enqueued while we were not listening would otherwise wait for the poll.
                foreach (var queue in JobQueues.All)
                    signal.Notify(queue);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or System.IO.IOException)
            {
                LogListenFailed(logger, ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the job notification connection; workers poll until it is back")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
