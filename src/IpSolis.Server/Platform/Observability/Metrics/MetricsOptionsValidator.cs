using System.Net;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Observability.Metrics;

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var problems = MetricsOptions.Entries(options.AllowedNetworks)
            .Where(entry => !IPNetwork.TryParse(entry, out _) && !IPAddress.TryParse(entry, out _))
            .Select(entry => $"IPSOLIS_Metrics__AllowedNetworks: '{entry}' is neither an address nor a CIDR range (like 10.0.5.0/24).")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
