using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Security;

internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = new List<string>();
        // The same ranges as the runtime settings these values are the defaults of (AccessSettings), so a configured
        // default can always be saved back unchanged from /ui/settings.
        if (options.SessionIdleMinutes is < 5 or > 24 * 60)
            problems.Add("IPSOLIS_Access__SessionIdleMinutes: must be 5 to 1440.");
        if (options.SessionAbsoluteHours is < 1 or > 168)
            problems.Add("IPSOLIS_Access__SessionAbsoluteHours: must be 1 to 168.");
        if (options.PasswordMinimumLength is < 12 or > 128)
            problems.Add("IPSOLIS_Access__PasswordMinimumLength: must be 12 to 128.");
        if (options.LockoutThreshold is < 0 or > 100)
            problems.Add("IPSOLIS_Access__LockoutThreshold: must be 0 (off) to 100.");
        if (options.LockoutMinutes is < 1 or > 1440)
            problems.Add("IPSOLIS_Access__LockoutMinutes: must be 1 to 1440.");
        if (options.PasswordRotationDays is < 0 or > 3650)
            problems.Add("IPSOLIS_Access__PasswordRotationDays: must be 0 (off) to 3650.");
        if (options.SignInPerAddressPerMinute < 1 || options.SignInPerUsernamePerMinute < 1 || options.ApiRequestsPerSecond < 1 || options.ApiBurst < 1)
            problems.Add("IPSOLIS_Access__SignInPerAddressPerMinute, SignInPerUsernamePerMinute, ApiRequestsPerSecond, ApiBurst: rate limits must be at least 1.");
        if (options.TokenPurgeAfterDays is < 0 or > 3650)
            problems.Add("IPSOLIS_Access__TokenPurgeAfterDays: must be 0 (keep) to 3650.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
