using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Security;

internal sealed class CorsOptionsValidator : IValidateOptions<CorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOptions options)
    {
        var problems = new List<string>();
        foreach (var origin in options.OriginList)
        {
            if (origin == "*")
                problems.Add("CORS_ORIGINS: '*' is not allowed; list the origins that may call the API (https://app.example.com).");
            else if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                     || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || origin.EndsWith('/'))
                problems.Add($"CORS_ORIGINS: '{origin}' is not an origin; write scheme, host and optional port, like https://app.example.com.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
