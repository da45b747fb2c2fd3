using IpSolis.Domain;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Configuration;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Observability;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace IpSolis.Server.Tests.Jobs;

/// <summary>
/// The job machinery alone (data, queue, store, runner, scheduler and, with the worker role, the worker) on a
/// migrated database of the provider under test, with the clock the test chooses. No web host: tests drive the
/// pieces directly.
/// </summary>
public sealed class JobsHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private JobsHost(ServiceProvider services, TestDatabase database)
    {
        _services = services;
        Database = database;
    }

    public TestDatabase Database { get; }

    public IServiceProvider Services => _services;

    public IJobQueue Queue => _services.GetRequiredService<IJobQueue>();

    public JobStore Store => _services.GetRequiredService<JobStore>();

    public JobRunner Runner => _services.GetRequiredService<JobRunner>();

    public NodeIdentity Node => _services.GetRequiredService<NodeIdentity>();

    public static async Task<JobsHost> StartAsync(
        TimeProvider time,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        NodeRole roles = NodeRole.None,
        TestDatabase? database = null)
    {
        database ??= await TestDatabase.CreateAsync();
        await IpSolisFactory.MigrateAsync(database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings()).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = "Testing", ApplicationName = "ipsolis", ContentRootPath = database.Directory,
        });
        collection.AddLogging();
        collection.AddMetrics();
        collection.AddSingleton(time);
        collection.AddSingleton(new NodeIdentity(roles, time));
        collection.AddValidatedOptions<ServerOptions, ServerOptionsValidator>(ServerOptions.Section);
        collection.AddIpSolisData();
        collection.AddIpSolisAudit();
        collection.AddIpSolisJobs(roles);
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
        return new JobsHost(provider, database);
    }

    /// <summary>Starts the hosted services (worker, listener, scheduler) the roles brought.</summary>
    public async Task StartBackgroundAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            _started.Add(service);
        }
    }

    public async Task StopBackgroundAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
            await service.StopAsync(CancellationToken.None);
        _started.Clear();
    }

    public async Task<IpSolisDbContext> DbAsync() => await _services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>().CreateDbContextAsync();

    /// <summary>Enqueues in a transaction of its own and commits.</summary>
    public async Task<long?> EnqueueAsync(JobRequest request)
    {
        await using var db = await DbAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var id = await Queue.EnqueueAsync(db, request);
        await transaction.CommitAsync();
        return id;
    }

    public async Task<Job> JobAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.Set<Job>().AsNoTracking().Include(j => j.Attempts).SingleAsync(j => j.Id == id);
    }

    public async ValueTask DisposeAsync()
    {
        await StopBackgroundAsync();
        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
