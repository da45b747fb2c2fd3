using System.CommandLine;

namespace IpSolis.Server.Cli;

/// <summary><c>ipsolis config validate</c>: every configuration problem, one line each, without serving.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var validate = new Command("validate", "Check the configuration (appsettings.json and environment) without starting the server.");
        validate.SetAction(_ => Validate());
        return new Command("config", "Inspect the configuration.") { validate };
    }

    private static int Validate()
    {
        using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;
        Console.WriteLine("configuration valid");
        return CommandOutput.Success;
    }
}
