using System.CommandLine;

namespace IpSolis.Server.Cli;

/// <summary>
/// The <c>ipsolis</c> command line. With no command it serves with every role. Unrecognised
/// <c>--Section:Key=value</c> tokens given to <c>serve</c> (or to no command) are configuration overrides.
/// </summary>
public static class IpSolisCommands
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("ip·Solis: self-service IT asset lifecycle. With no command, serves web, worker and scheduler on http://localhost:8000.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(AdminCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(JobsCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(BackupCommand.Create());
        root.SetAction((result, _) => ServeCommand.RunAsync([.. result.UnmatchedTokens], rolesText: null, urls: null));

        // The host handles SIGTERM/SIGINT itself (graceful drain); the parser must not kill the process first.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
