namespace IpSolis.Server.Platform.Security;

/// <summary>Browser origins allowed to call <c>/api</c> (from <c>CORS_ORIGINS</c>, comma-separated). None by default.</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    public string? Origins { get; set; }

    public IReadOnlyList<string> OriginList =>
        (Origins ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
