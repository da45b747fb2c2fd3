using IpSolis.Server.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpSolis.Server.Tests.Infrastructure;

/// <summary>
/// The real ipsolis host, in process, on its own database of the provider under test. Runs Program's own
/// <c>serve</c> path, so a SQLite database is migrated on start exactly as in production; PostgreSQL is migrated
/// first, as an operator would with <c>ipsolis migrate</c>.
/// </summary>
public sealed class IpSolisFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private IpSolisFactory(TestDatabase database, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        Database = database;
        _settings = database.Settings();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
        _services = services;
    }

    public TestDatabase Database { get; }

    public static async Task<IpSolisFactory> CreateAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        TestDatabase? database = null)
    {
        if (database is null)
            database = await TestDatabase.CreateMigratedAsync();
        else if (database.IsPostgres)
            await MigrateAsync(database);
        return new IpSolisFactory(database, settings, services);
    }

    /// <summary>Applies every migration to <paramref name="database"/> the way <c>ipsolis migrate</c> does.</summary>
    public static async Task MigrateAsync(TestDatabase database)
    {
        var options = new DatabaseOptions
        {
            Provider = database.IsPostgres ? "Postgres" : "Sqlite",
            ConnectionString = database.PostgresConnectionString,
            SqlitePath = database.SqlitePath,
        };
        var (connection, problem) = DatabaseConnection.Resolve(options);
        var builder = new DbContextOptionsBuilder<IpSolisDbContext>();
        DataServices.Configure(builder, connection ?? throw new InvalidOperationException(problem), options, writeGate: null);
        var migrations = new DatabaseMigrations(new SingleContextFactory(builder.Options), connection);
        await migrations.MigrateAsync(null, CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_services is not null)
            builder.ConfigureServices(_services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    private sealed class SingleContextFactory(DbContextOptions<IpSolisDbContext> options) : IDbContextFactory<IpSolisDbContext>
    {
        public IpSolisDbContext CreateDbContext() => new(options);
    }
}
