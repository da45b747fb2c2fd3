using Microsoft.Extensions.Options;

namespace IpSolis.Server.Features.Notifications;

internal sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var problems = new List<string>();
        if (options.MaxAttempts is < 1 or > 50)
            problems.Add($"IPSOLIS_Notifications__MaxAttempts: must be between 1 and 50, got {options.MaxAttempts}.");
        if (options.RetryBaseSeconds is < 0.1 or > 86400)
            problems.Add($"IPSOLIS_Notifications__RetryBaseSeconds: must be between 0.1 and 86400, got {options.RetryBaseSeconds}.");
        if (options.RetryMaxSeconds < options.RetryBaseSeconds || options.RetryMaxSeconds > 86400)
            problems.Add($"IPSOLIS_Notifications__RetryMaxSeconds: must be between RetryBaseSeconds and 86400, got {options.RetryMaxSeconds}.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
