namespace IpSolis.Server.Platform.Security;

/// <summary>Deployment secrets. <c>API_SECRET_KEY</c> signs links and derives the key that protects stored secrets.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Set from <c>API_SECRET_KEY</c>.</summary>
    public string? ApiSecretKey { get; set; }

    /// <summary>Set from <c>ADMIN_API_KEY</c>: the legacy virtual superadmin key. Off when empty.</summary>
    public string? AdminApiKey { get; set; }
}
