#pragma warning disable EF1001 // The Npgsql generator's constructor takes Npgsql's internal options; we only pass them on.
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// The PostgreSQL migrations SQL generator, plus the audit log's guard triggers and retention function
/// (<see cref="AuditLogGuardSql"/>) right after the statement that creates each guarded table. Because the SQL
/// follows the table rather than living in a migration file, regenerating the pre-release migration
/// (<c>scripts/add-migration.sh --reset Initial</c>) cannot lose it. Registered in <c>DataServices.Configure</c>,
/// so <c>ipsolis migrate</c>, the tests and <c>dotnet ef migrations script</c> all produce it.
/// </summary>
public sealed class AuditGuardingMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions npgsqlOptions)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlOptions)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (!terminate)
            return;
        var guard = operation.Name switch
        {
            AuditEntryConfiguration.Table => AuditLogGuardSql.AuditLog,
            AuditChainHeadConfiguration.Table => AuditLogGuardSql.ChainHead,
            _ => null,
        };
        if (guard is null)
            return;
        builder.AppendLines(guard);
        builder.EndCommand();
    }
}
