using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// Used by dotnet-ef only (scripts/add-migration.sh, scripts/compile-model.sh): builds a context for the provider named in
/// <c>IPSOLIS_MIGRATIONS_PROVIDER</c> without a database connection.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IpSolisDbContext>
{
    public IpSolisDbContext CreateDbContext(string[] args)
    {
        var provider = Environment.GetEnvironmentVariable("IPSOLIS_MIGRATIONS_PROVIDER") ?? "Sqlite";
        var options = new DatabaseOptions { Provider = provider, SqlitePath = "design-time.db" };
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            options.ConnectionString = "Host=localhost;Database=design_time";
        var (connection, problem) = DatabaseConnection.Resolve(options);
        var builder = new DbContextOptionsBuilder<IpSolisDbContext>();
        DataServices.Configure(builder, connection ?? throw new InvalidOperationException(problem), options, writeGate: null, compiledModel: false);
        return new IpSolisDbContext(builder.Options);
    }
}
