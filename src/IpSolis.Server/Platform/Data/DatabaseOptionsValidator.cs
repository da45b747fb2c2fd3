using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Data;

internal sealed class DatabaseOptionsValidator(IHostEnvironment environment) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var problems = new List<string>();
        var (connection, problem) = DatabaseConnection.Resolve(options);
        if (problem is not null)
            problems.Add(problem);

        if (connection is { IsSqlite: true } && environment.IsProduction() && !options.AllowSqliteInProduction)
            problems.Add("IPSOLIS_Database__AllowSqliteInProduction: the database is SQLite, which serves one node only. Set DATABASE_URL to PostgreSQL, or set IPSOLIS_Database__AllowSqliteInProduction=true for a single-node install.");

        if (options.CommandTimeoutSeconds is < 1 or > 3600)
            problems.Add("IPSOLIS_Database__CommandTimeoutSeconds: must be between 1 and 3600.");
        if (options.SqliteBusyTimeoutSeconds is < 1 or > 600)
            problems.Add("IPSOLIS_Database__SqliteBusyTimeoutSeconds: must be between 1 and 600.");
        if (options.MaxPoolSize is < 2 or > 1000)
            problems.Add("IPSOLIS_Database__MaxPoolSize: must be between 2 and 1000.");

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
