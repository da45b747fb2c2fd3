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
        services.AddDbContextFactory<IpSolisDbContext>((sp, builder) => Configure(
            builder,
            sp.GetRequiredService<DatabaseConnection>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<SqliteWriteGate>()));
        services.AddSingleton<DatabaseMigrations>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseConnection connection, DatabaseOptions options, SqliteWriteGate? writeGate)
    {
        if (connection.IsSqlite)
            ConfigureSqlite(builder, connection.ConnectionString, options, writeGate);
        else
            PostgresProvider.Configure(builder, connection.ConnectionString, options);

        builder.ReplaceService<IMigrationsAssembly, MarkedMigrationsAssembly>();
        builder.AddInterceptors(Audit.AuditChainInterceptor.Instance);
        return builder;
    }

    // Apart from Configure for the same reason as PostgresProvider: each provider's types load only when it is used.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString, DatabaseOptions options, SqliteWriteGate? writeGate)
    {
        builder.UseSqlite(connectionString, sqlite =>
        {
            sqlite.MigrationsAssembly(SqliteMigrationsAssembly);
            sqlite.CommandTimeout(options.CommandTimeoutSeconds);
        });
        builder.AddInterceptors(new SqliteConnectionSetup(options.SqliteBusyTimeoutSeconds));
        if (writeGate is not null)
            builder.AddInterceptors(writeGate);
    }
}
