using IpSolis.Server.Platform.Configuration;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Refuses weak deployment secrets in Production. Development generates its own secret (see
/// <see cref="DevelopmentSecret"/>), so only Production insists on one being set.
/// </summary>
internal sealed class SecurityOptionsValidator(IHostEnvironment environment) : IValidateOptions<SecurityOptions>
{
    public const int MinimumSecretLength = 32;

    // Values that appear in our own examples and in the usual tutorials. A deployment using one of them has no secret.
    private static readonly string[] ExampleSecrets =
    [
        "change-me", "changeme", "change-this", "changethis", "secret", "your-secret-key", "your_secret_key",
        "supersecret", "example", "replace-me", "replace-with-a-random-string-of-at-least-32-characters",
        "please-change-this-secret-key-in-production", "0123456789abcdef0123456789abcdef",
        "00000000000000000000000000000000",
    ];

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var problems = new List<string>();
        var secretName = ConventionalEnvironment.SettingName("Security:ApiSecretKey");
        var adminKeyName = ConventionalEnvironment.SettingName("Security:AdminApiKey");

        if (environment.IsProduction())
        {
            if (string.IsNullOrWhiteSpace(options.ApiSecretKey))
                problems.Add($"{secretName}: is missing. Set it to a random value of at least {MinimumSecretLength} characters (for example the output of 'openssl rand -base64 48').");
            else if (IsExample(options.ApiSecretKey))
                problems.Add($"{secretName}: is an example value. Replace it with a random value of at least {MinimumSecretLength} characters.");
            else if (options.ApiSecretKey.Length < MinimumSecretLength)
                problems.Add($"{secretName}: is {options.ApiSecretKey.Length} characters long; it must be at least {MinimumSecretLength}.");

            if (!string.IsNullOrEmpty(options.AdminApiKey) && options.AdminApiKey.Length < MinimumSecretLength)
                problems.Add($"{adminKeyName}: is {options.AdminApiKey.Length} characters long; it must be at least {MinimumSecretLength}, or unset to turn the legacy key off.");
            else if (!string.IsNullOrEmpty(options.AdminApiKey) && IsExample(options.AdminApiKey))
                problems.Add($"{adminKeyName}: is an example value. Replace it with a random value, or unset it to turn the legacy key off.");
        }
        else if (string.IsNullOrWhiteSpace(options.ApiSecretKey))
        {
            // Outside Production the host generates one before options are read; reaching here means it could not.
            problems.Add($"{secretName}: is missing and no development secret could be generated.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsExample(string value)
    {
        var trimmed = value.Trim();
        return ExampleSecrets.Any(e => string.Equals(e, trimmed, StringComparison.OrdinalIgnoreCase))
            || trimmed.Distinct().Count() <= 2;
    }
}
