using System.Reflection;

namespace IpSolis.Server.Platform.Observability;

/// <summary>The version and the commit this build came from (the SDK stamps the commit into the informational version).</summary>
public static class ProductVersion
{
    private static readonly string Informational =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary><c>0.1.0</c>.</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The full commit id, or <c>unknown</c> when the build had no git metadata.</summary>
    public static string Commit { get; } = Informational.Contains('+', StringComparison.Ordinal) ? Informational.Split('+')[1] : "unknown";

    /// <summary><c>0.1.0+abc1234</c>: what logs, health and the UI footer show.</summary>
    public static string Display { get; } = Commit == "unknown" ? Version : $"{Version}+{Commit[..Math.Min(7, Commit.Length)]}";
}
