using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Configuration;

internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var problems = new List<string>();
        if (options.ShutdownGraceSeconds is < 0 or > 600)
            problems.Add("IPSOLIS_Server__ShutdownGraceSeconds: must be between 0 and 600.");
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            problems.Add("IPSOLIS_Server__DataDirectory: must name a directory.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
