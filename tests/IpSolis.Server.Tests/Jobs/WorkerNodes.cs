using System.Diagnostics;
using IpSolis.Server.Tests.Infrastructure;
using Npgsql;

namespace IpSolis.Server.Tests.Jobs;

/// <summary>
/// N real <c>ipsolis serve --roles worker,scheduler</c> processes on one PostgreSQL database, with short leases so
/// failure tests stay fast, plus SQL the tests use to watch the job tables.
/// </summary>
public sealed class WorkerNodes : IAsyncDisposable
{
    private readonly List<IpSolisProcess> _nodes = [];

    private WorkerNodes(TestDatabase database, Dictionary<string, string?> environment)
    {
        Database = database;
        Environment = environment;
    }

    public TestDatabase Database { get; }

    public Dictionary<string, string?> Environment { get; }

    public IReadOnlyList<IpSolisProcess> Nodes => _nodes;

    public static async Task<WorkerNodes> StartAsync(string postgresAdmin, int count, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(postgresAdmin);
        await IpSolisFactory.MigrateAsync(database);
        var environment = database.EnvironmentVariables();
        environment["IPSOLIS_Jobs__LeaseSeconds"] = "5";
        environment["IPSOLIS_Jobs__HeartbeatSeconds"] = "2";
        environment["IPSOLIS_Jobs__LeaderRetrySeconds"] = "1";
        environment["IPSOLIS_Jobs__Queues__default__Concurrency"] = "20";
        environment["IPSOLIS_Database__MaxPoolSize"] = "20";
        environment["IPSOLIS_Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            environment[key] = value;

        var nodes = new WorkerNodes(database, environment);
        var ports = Enumerable.Range(0, count).Select(_ => IpSolisProcess.FreePort()).ToList();
        foreach (var port in ports)
            nodes._nodes.Add(IpSolisProcess.Start(database.Directory, environment, "serve", "--roles", "worker,scheduler", "--urls", $"http://127.0.0.1:{port}"));
        await Task.WhenAll(nodes._nodes.Select((node, i) => node.WaitUntilReadyAsync($"http://127.0.0.1:{ports[i]}/livez", TimeSpan.FromSeconds(60))));
        return nodes;
    }

    /// <summary>
    /// Runs an <c>ipsolis</c> command against the same database and returns its stdout; fails on a non-zero exit.
    /// It competes for the database and the two cores with the nodes working off the queue (60 drill jobs at a time)
    /// and with the rest of the suite: enqueuing 10,000 drill jobs once took over 60 s in a CI run, hence 150 s.
    /// </summary>
    public async Task<string> RunAsync(params string[] args)
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(Database.Directory, Environment, TimeSpan.FromSeconds(150), args);
        await using (process)
        {
            exitCode.Should().Be(0, process.AllOutput);
            return string.Join('\n', process.StandardOutput);
        }
    }

    /// <summary>The node whose process id is <paramref name="pid"/> (node ids are host-pid-random).</summary>
    public IpSolisProcess ByNodeId(string nodeId) => _nodes.Single(n => nodeId.Contains($"-{n.Id}-", StringComparison.Ordinal));

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<(string Key, long Count)>> PairsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync())
            rows.Add((reader.IsDBNull(0) ? "" : reader.GetValue(0).ToString()!, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        return rows;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; returns how long it took.</summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
