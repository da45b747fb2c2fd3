using System.CommandLine;
using IpSolis.Domain;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Cli;

/// <summary><c>ipsolis serve [--roles web,worker,scheduler] [--queues provision,...] [--urls URL]</c>.</summary>
internal static partial class ServeCommand
{
    public static Command Create()
    {
        var roles = new Option<string>("--roles")
        {
            Description = "What this node does: any of web, worker, scheduler, comma-separated.",
            DefaultValueFactory = _ => "web,worker,scheduler",
        };
        var queues = new Option<string?>("--queues") { Description = "Which job queues this worker takes, comma-separated (default all): provision, notifications, default, reclaim." };
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://0.0.0.0:8000 (default http://localhost:8000)." };
        var command = new Command("serve", "Serve the web UI and API and run background work, as the roles say.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(roles);
        command.Options.Add(urls);
        command.Options.Add(queues);
        // --queues is the Jobs:Only setting, passed on like any configuration override.
        command.SetAction((result, _) => RunAsync(
            result.GetValue(queues) is { } only ? [.. result.UnmatchedTokens, $"--Jobs:Only={only}"] : [.. result.UnmatchedTokens],
            result.GetValue(roles), result.GetValue(urls)));
        return command;
    }

    public static async Task<int> RunAsync(string[] configArgs, string? rolesText, string? urls)
    {
        var roles = NodeRoles.Parse(rolesText ?? "web,worker,scheduler");
        if (!roles.Succeeded)
            return CommandOutput.Fail($"{roles.Errors[0].Field}: {roles.Errors[0].Message}");

        await using var app = CommandOutput.BuildValidated(configArgs, roles.Value, urls);
        if (app is null)
            return CommandOutput.Failure;

        var connection = app.Services.GetRequiredService<DatabaseConnection>();
        var migrations = app.Services.GetRequiredService<DatabaseMigrations>();
        try
        {
            if (connection.IsSqlite)
            {
                // One embedded node: it owns its schema and upgrades it on start.
                await migrations.MigrateAsync(name => LogApplying(app.Logger, name), CancellationToken.None);
            }
            else
            {
                var pending = await migrations.PendingAsync(CancellationToken.None);
                if (pending.Count > 0)
                {
                    return CommandOutput.Fail(
                        $"the database schema is behind this version: {pending.Count} migration(s) pending ({string.Join(", ", pending)}). "
                        + "Run 'ipsolis migrate' once (with the same DATABASE_URL), then start the nodes.");
                }
            }
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return CommandOutput.Fail($"cannot reach the database ({connection.Describe()}): {ex.GetBaseException().Message}");
        }

        await app.RunAsync();
        return CommandOutput.Success;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying migration {Migration}")]
    private static partial void LogApplying(ILogger logger, string migration);
}
