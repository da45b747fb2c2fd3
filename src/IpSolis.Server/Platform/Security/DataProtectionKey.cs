namespace IpSolis.Server.Platform.Security;

/// <summary>One ASP.NET data-protection key (antiforgery and other protected payloads), encrypted at rest.</summary>
public sealed class DataProtectionKey
{
    public long Id { get; set; }

    public string? FriendlyName { get; set; }

    /// <summary>The key's XML as the data-protection system wrote it: the secret part sealed by <see cref="KeyRingSeal"/>.</summary>
    public required string Xml { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
