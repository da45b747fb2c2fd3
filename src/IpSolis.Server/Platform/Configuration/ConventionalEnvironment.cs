namespace IpSolis.Server.Platform.Configuration;

/// <summary>
/// Maps the conventional environment variables operators already know (<c>DATABASE_URL</c>, <c>API_SECRET_KEY</c>,
/// <c>ADMIN_API_KEY</c>, <c>CORS_ORIGINS</c>) onto our configuration sections. They are added last, so they win
/// over appsettings.json and <c>IPSOLIS_</c> variables.
/// </summary>
internal static class ConventionalEnvironment
{
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["DATABASE_URL"] = "Database:Url",
        ["API_SECRET_KEY"] = "Security:ApiSecretKey",
        ["ADMIN_API_KEY"] = "Security:AdminApiKey",
        ["CORS_ORIGINS"] = "Cors:Origins",
    };

    /// <summary>The name an operator sets for a configuration key: the conventional variable when one exists.</summary>
    public static string SettingName(string configurationKey)
    {
        foreach (var (variable, key) in Aliases)
        {
            if (string.Equals(key, configurationKey, StringComparison.OrdinalIgnoreCase))
                return variable;
        }

        return "IPSOLIS_" + configurationKey.Replace(":", "__", StringComparison.Ordinal);
    }

    public static IConfigurationBuilder AddIpSolisEnvironment(this IConfigurationBuilder configuration)
    {
        configuration.AddEnvironmentVariables("IPSOLIS_");
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Aliases)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
                values[key] = value;
        }

        return configuration.AddInMemoryCollection(values);
    }
}
