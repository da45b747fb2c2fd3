using System.Runtime.CompilerServices;
using IpSolis.Server.Platform.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Data;

internal static class DataServices
{
    public const string SqliteMigrationsAssembly = "IpSolis.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "IpSolis.Migrations.Postgres";

    public static IServiceCollection AddIpSolisData(this IServiceCollection services)
    {
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section);
        services.AddSingleton(sp =>
        {
            var (connection, problem) = DatabaseConnection.Resolve(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
            return connection ?? throw new InvalidOperationException(problem);
        });
        services.AddSingleton(sp => new SqliteWriteGate(
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.SqliteBusyTimeoutSeconds)));
        // Pooled: a page creates several short contexts, and building each one's internal services was a measurable
        // part of every request (docs/PERFORMANCE.md, issue 5). A context goes back to the pool reset (change
        // tracker, transaction, connection, DatabaseFacade settings); the interceptors keep no state beyond one save
        // or transaction (AuditChainInterceptor forgets a transaction that is no longer the context's current one).
        services.AddPooledDbContextFactory<IpSolisDbContext>((sp, builder) => Configure(
            builder,
            sp.GetRequiredService<DatabaseConnection>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<SqliteWriteGate>()));
        services.AddSingleton<DatabaseMigrations>();
        return services;
    }

    /// <summary>
    /// Sets up a context for the configured database. <paramref name="compiledModel"/> uses the provider's generated
    /// model (<c>Platform/Data/CompiledModels</c>, written by <c>scripts/compile-model.sh</c>) instead of building it
    /// from the entity configurations at the first context: that build was the largest item of a node's cold start
    /// (docs/PERFORMANCE.md). Only the EF Core tools pass false, because they compare or generate from the source.
    /// </summary>
    public static DbContextOptionsBuilder Configure(
        DbContextOptionsBuilder builder, DatabaseConnection connection, DatabaseOptions options, SqliteWriteGate? writeGate, bool compiledModel = true)
    {
        if (connection.IsSqlite)
            ConfigureSqlite(builder, connection.ConnectionString, options, writeGate, compiledModel);
        else
            PostgresProvider.Configure(builder, connection.ConnectionString, options, compiledModel);

        builder.ReplaceService<IMigrationsAssembly, MarkedMigrationsAssembly>();
        builder.AddInterceptors(Audit.AuditChainInterceptor.Instance);
        return builder;
    }

    // Apart from Configure for the same reason as PostgresProvider: each provider's types load only when it is used.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString, DatabaseOptions options, SqliteWriteGate? writeGate, bool compiledModel)
    {
        builder.UseSqlite(connectionString, sqlite =>
        {
            sqlite.MigrationsAssembly(SqliteMigrationsAssembly);
            sqlite.CommandTimeout(options.CommandTimeoutSeconds);
        });
        if (compiledModel)
            builder.UseModel(CompiledModels.Sqlite.IpSolisDbContextModel.Instance);
        builder.AddInterceptors(new SqliteConnectionSetup(options.SqliteBusyTimeoutSeconds));
        if (writeGate is not null)
            builder.AddInterceptors(writeGate);
    }
}
