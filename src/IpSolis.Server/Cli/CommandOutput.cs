using IpSolis.Server.Platform.Configuration;

namespace IpSolis.Server.Cli;

/// <summary>How commands report: results on stdout, one clear line per problem on stderr.</summary>
internal static class CommandOutput
{
    public const int Success = 0;
    public const int Failure = 1;

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"ipsolis: {message}");
        return Failure;
    }

    public static int Fail(IEnumerable<string> problems)
    {
        foreach (var problem in problems)
            Console.Error.WriteLine($"ipsolis: {problem}");
        return Failure;
    }

    /// <summary>Builds the host exactly as <c>serve</c> would and checks its configuration; null when it is invalid
    /// (the problems have been printed).</summary>
    public static WebApplication? BuildValidated(string[] configArgs, Domain.NodeRole roles = Domain.NodeRole.All, string? urls = null)
    {
        WebApplication app;
        try
        {
            app = IpSolisApp.Build(configArgs, roles, urls);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            Fail($"the host could not be built: {ex.Message}");
            return null;
        }

        var problems = ValidatedOptions.FindProblems(app.Services);
        if (problems.Count == 0)
            return app;
        Fail(problems);
        return null;
    }
}
