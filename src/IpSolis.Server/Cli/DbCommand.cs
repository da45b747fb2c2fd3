using System.CommandLine;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Cli;

/// <summary><c>ipsolis db status</c>: provider, server version, applied and pending migrations; exit 2 when behind.</summary>
internal static class DbCommand
{
    public const int PendingExitCode = 2;

    public static Command Create()
    {
        var status = new Command("status", "Show the database provider, server version and migrations. Exit code 2 when migrations are pending.");
        status.SetAction((_, cancellationToken) => StatusAsync(cancellationToken));
        return new Command("db", "Inspect the database.") { status };
    }

    private static async Task<int> StatusAsync(CancellationToken cancellationToken)
    {
        await using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;

        var connection = app.Services.GetRequiredService<DatabaseConnection>();
        var migrations = app.Services.GetRequiredService<DatabaseMigrations>();
        DatabaseStatus status;
        if (connection.SqliteFile is { } file && !File.Exists(file))
        {
            // Do not create the file just to look at it.
            status = new DatabaseStatus(connection.Provider, connection.Describe() + " (not created yet)", "none", [], migrations.Known(), []);
        }
        else
        {
            try
            {
                status = await migrations.GetStatusAsync(cancellationToken);
            }
            catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
            {
                return CommandOutput.Fail($"cannot reach the database ({connection.Describe()}): {ex.GetBaseException().Message}");
            }
        }

        Console.WriteLine($"Provider:       {(status.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL")}");
        Console.WriteLine($"Database:       {status.Location}");
        Console.WriteLine($"Server version: {status.ServerVersion}");
        PrintList("Applied", status.Applied);
        PrintList("Pending", status.Pending);
        if (status.UnknownApplied.Count > 0)
            PrintList("Applied by a newer version (unknown to this one)", status.UnknownApplied);
        if (status.Pending.Count > 0)
        {
            Console.WriteLine("Run 'ipsolis migrate' to apply the pending migrations.");
            return PendingExitCode;
        }

        return CommandOutput.Success;
    }

    private static void PrintList(string title, IReadOnlyList<string> names)
    {
        Console.WriteLine($"{title} ({names.Count}):{(names.Count == 0 ? " none" : "")}");
        foreach (var name in names)
            Console.WriteLine($"  {name}");
    }
}
