using System.Net;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Security;

internal sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var problems = (options.TrustedProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(entry => !IPNetwork.TryParse(entry, out _) && !IPAddress.TryParse(entry, out _))
            .Select(entry => $"Network:TrustedProxies: '{entry}' is neither an address nor a CIDR range (like 10.0.0.0/8).")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
