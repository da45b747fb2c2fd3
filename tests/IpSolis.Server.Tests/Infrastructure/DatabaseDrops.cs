using System.Threading.Channels;
using Npgsql;

namespace IpSolis.Server.Tests.Infrastructure;

/// <summary>
/// Drops finished tests' PostgreSQL databases in the background, one at a time, so that a test's slot is free as
/// soon as its host has stopped (a forced drop takes a few hundred milliseconds on a busy machine, several hundred
/// times per run). What is still queued when the test process ends is drained before it exits.
/// </summary>
internal static class DatabaseDrops
{
    private static readonly Channel<(string Admin, string Name)> Queue = Channel.CreateUnbounded<(string, string)>(
        new UnboundedChannelOptions { SingleReader = true });

    private static readonly Task Drainer = Task.Run(DrainAsync);

    static DatabaseDrops() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Queue.Writer.TryComplete();
            Drainer.Wait(TimeSpan.FromSeconds(60));
        };

    public static void Enqueue(string admin, string database) => Queue.Writer.TryWrite((admin, database));

    private static async Task DrainAsync()
    {
        await foreach (var (admin, name) in Queue.Reader.ReadAllAsync())
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // The cluster itself may be gone (a throwaway cluster stopped by its test); nothing is left to drop.
            }
        }
    }
}
