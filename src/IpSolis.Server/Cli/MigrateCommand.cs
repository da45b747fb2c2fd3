using System.CommandLine;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Cli;

/// <summary><c>ipsolis migrate</c>: applies pending migrations, naming each.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations, one transaction each, and list them.");
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;

        var connection = app.Services.GetRequiredService<DatabaseConnection>();
        var migrations = app.Services.GetRequiredService<DatabaseMigrations>();
        Console.WriteLine($"Database: {connection.Describe()}");
        string? current = null;
        try
        {
            var applied = await migrations.MigrateAsync(name =>
            {
                current = name;
                Console.WriteLine($"Applying {name} ...");
            }, cancellationToken);
            Console.WriteLine(applied.Count == 0
                ? "No pending migrations: the schema is current."
                : $"Applied {applied.Count} migration(s): the schema is current.");
            return CommandOutput.Success;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) && current is null)
        {
            return CommandOutput.Fail($"cannot reach the database ({connection.Describe()}): {ex.GetBaseException().Message}");
        }
        catch (Exception ex) when (current is not null && ex is not OperationCanceledException)
        {
            return CommandOutput.Fail($"migration {current} failed and was rolled back; the schema is as the previous migration left it. {ex.GetBaseException().Message}");
        }
    }
}
