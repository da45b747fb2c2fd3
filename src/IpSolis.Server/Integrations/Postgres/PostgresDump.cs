using System.Diagnostics;
using IpSolis.Domain.Backups;
using IpSolis.Server.Features.Backups;
using IpSolis.Server.Platform.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IpSolis.Server.Integrations.Postgres;

/// <summary>
/// PostgreSQL through <c>pg_dump</c> / <c>pg_restore</c> in custom format. The connection goes to the tools in
/// <c>PG*</c> environment variables, so the password never appears on a command line or in a process list.
/// Restore empties the application's schema first (so a backup from before a migration leaves no newer tables
/// behind), then loads the dump in one transaction.
/// </summary>
internal sealed partial class PostgresDump(DatabaseConnection connection, IOptions<BackupOptions> options, ILogger<PostgresDump> logger) : IDatabaseDump
{
    public string Provider => BackupManifest.PostgresProvider;

    public async Task DumpAsync(string targetFile, CancellationToken cancellationToken) =>
        await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--compress=6", "--file=" + targetFile], cancellationToken);

    public async Task RestoreAsync(string sourceFile, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        await using (var db = new NpgsqlConnection(connection.ConnectionString))
        {
            await db.OpenAsync(cancellationToken);
            await using var schemaQuery = new NpgsqlCommand("SELECT current_schema()", db);
            var schema = (string?)await schemaQuery.ExecuteScalarAsync(cancellationToken) ?? "public";
            var quoted = "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {quoted} CASCADE; CREATE SCHEMA {quoted};", db) { CommandTimeout = 0 };
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        NpgsqlConnection.ClearAllPools();
        await RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=" + builder.Database, sourceFile], cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var directory = options.Value.PostgresBinDirectory;
        var executable = string.IsNullOrWhiteSpace(directory) ? tool : Path.Combine(directory, tool);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        start.Environment["PGHOST"] = builder.Host;
        start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = builder.Database;
        start.Environment["PGUSER"] = builder.Username ?? Environment.UserName;
        start.Environment["PGAPPNAME"] = "ipsolis-backup";
        if (!string.IsNullOrEmpty(builder.Password))
            start.Environment["PGPASSWORD"] = builder.Password;
        start.Environment["PGSSLMODE"] = builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new BackupToolException($"{tool} could not be started ({ex.Message}): install the PostgreSQL client tools or set IPSOLIS_Backups__PostgresBinDirectory.");
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            await stdout;
            var errors = (await stderr).Trim();
            if (process.ExitCode != 0)
            {
                var firstLines = string.Join(" ", errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(3));
                LogToolFailed(logger, tool, process.ExitCode);
                throw new BackupToolException($"{tool} failed with exit code {process.ExitCode}: {firstLines}");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Tool} exited with code {ExitCode}")]
    private static partial void LogToolFailed(ILogger logger, string tool, int exitCode);
}
