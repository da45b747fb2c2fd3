using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Jobs;

/// <summary>
/// The PostgreSQL server for the multi-process job tests: the test cluster when the run is on PostgreSQL, else a
/// throwaway cluster of their own, so these tests run (and must pass) in the SQLite run too.
/// </summary>
public sealed class PostgresForJobs : IAsyncLifetime
{
    private PostgresCluster? _owned;

    public string AdminConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (TestEnvironment.UsePostgres)
        {
            AdminConnectionString = TestEnvironment.PostgresAdmin;
            return;
        }

        _owned = await PostgresCluster.StartAsync();
        AdminConnectionString = _owned.AdminConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_owned is not null)
            await _owned.DisposeAsync();
    }
}
