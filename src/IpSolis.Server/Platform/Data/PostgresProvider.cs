using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// Everything that names a PostgreSQL type (Npgsql, its EF provider, the audit-guarding SQL generator). Kept apart
/// from <see cref="DataServices"/> and <see cref="DatabaseConnection"/> so that a SQLite node does not load Npgsql
/// through them: the runtime loads an assembly when it first compiles or prepares a method that names one of its
/// types, so a method with a SQLite branch and a PostgreSQL branch loads both. The methods are not inlined for the
/// same reason. (Measured in docs/PERFORMANCE.md, idle memory.)
/// </summary>
internal static class PostgresProvider
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Configure(DbContextOptionsBuilder builder, string connectionString, DatabaseOptions options, bool compiledModel)
    {
        builder.UseNpgsql(connectionString, npgsql =>
        {
            npgsql.MigrationsAssembly(DataServices.PostgresMigrationsAssembly);
            npgsql.CommandTimeout(options.CommandTimeoutSeconds);
        });
        if (compiledModel)
            builder.UseModel(CompiledModels.Postgres.IpSolisDbContextModel.Instance);
        builder.ReplaceService<IMigrationsSqlGenerator, Audit.AuditGuardingMigrationsSqlGenerator>();
    }

    /// <summary>Host, port and database, never the password.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}
