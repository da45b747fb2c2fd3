using IpSolis.Domain.Portal;
using IpSolis.Server.Platform.Configuration;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Features.Portal;

/// <summary>Refuses unknown sign-in methods, and <c>anonymous</c> in Production (everyone would be one shared demo
/// person there), so <c>ipsolis config validate</c> and start-up name the setting.</summary>
internal sealed class PortalOptionsValidator(IHostEnvironment environment) : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var parsed = PortalSignInMethods.Parse(options.SignInMethods, environment.IsProduction());
        return parsed.Succeeded
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(parsed.Errors.Select(e => $"{ConventionalEnvironment.SettingName("Portal:SignInMethods")}: {e.Message}"));
    }
}
