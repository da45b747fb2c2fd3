using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Security;

internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = new List<string>();
        if (options.SessionIdleMinutes is < 1 or > 24 * 60)
            problems.Add("Access:SessionIdleMinutes: must be 1 to 1440.");
        if (options.SessionAbsoluteHours is < 1 or > 24 * 30)
            problems.Add("Access:SessionAbsoluteHours: must be 1 to 720.");
        if (options.PasswordMinimumLength is < 12 or > 256)
            problems.Add("Access:PasswordMinimumLength: must be 12 to 256.");
        if (options.LockoutThreshold < 0 || options.LockoutMinutes < 1 || options.PasswordRotationDays < 0)
            problems.Add("Access: LockoutThreshold and PasswordRotationDays cannot be negative; LockoutMinutes must be at least 1.");
        if (options.SignInPerAddressPerMinute < 1 || options.SignInPerUsernamePerMinute < 1 || options.ApiRequestsPerSecond < 1 || options.ApiBurst < 1)
            problems.Add("Access: rate limits must be at least 1.");
        if (options.TokenPurgeAfterDays < 0)
            problems.Add("Access:TokenPurgeAfterDays: cannot be negative (0 keeps tokens).");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
