using System.CommandLine;
using IpSolis.Server.Platform.Observability;

namespace IpSolis.Server.Cli;

/// <summary><c>ipsolis version</c>.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version and the commit it was built from.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"ipsolis {ProductVersion.Version}");
            Console.WriteLine($"commit {ProductVersion.Commit}");
            Console.WriteLine($".NET {Environment.Version}");
            return 0;
        });
        return command;
    }
}
