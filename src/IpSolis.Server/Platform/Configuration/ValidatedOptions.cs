using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Configuration;

/// <summary>
/// Registers an options class bound to its section, validated at start, and remembered so that
/// <c>ipsolis config validate</c> can check every area without starting the server.
/// </summary>
internal static class ValidatedOptions
{
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddSingleton(new OptionsArea(section, sp => sp.GetRequiredService<IOptions<TOptions>>().Value));
        return services;
    }

    /// <summary>Every problem of every registered options area, one line each, naming the setting.</summary>
    public static IReadOnlyList<string> FindProblems(IServiceProvider services)
    {
        var problems = new List<string>();
        foreach (var area in services.GetServices<OptionsArea>())
        {
            try
            {
                area.Resolve(services);
            }
            catch (OptionsValidationException ex)
            {
                problems.AddRange(ex.Failures);
            }
        }

        return problems;
    }
}

/// <summary>One options section known to <see cref="ValidatedOptions"/>.</summary>
internal sealed record OptionsArea(string Section, Func<IServiceProvider, object> Resolve);
