namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// Who did something, and with what authority, as the audit log records it:
/// <c>admin:session:&lt;user&gt;:&lt;role&gt;</c>, <c>token:&lt;name&gt;</c>, <c>admin:legacy_key</c>,
/// <c>portal:user:&lt;email&gt;</c> or <c>system:&lt;job&gt;</c>.
/// </summary>
public sealed record AuditActor(string Id, string? ClientIp = null)
{
    public static AuditActor AdminSession(string username, string role, string? clientIp) => new($"admin:session:{username}:{role.ToLowerInvariant()}", clientIp);

    public static AuditActor Token(string tokenName, string? clientIp) => new($"token:{tokenName}", clientIp);

    public static AuditActor LegacyKey(string? clientIp) => new("admin:legacy_key", clientIp);

    public static AuditActor PortalUser(string email, string? clientIp) => new($"portal:user:{email.ToLowerInvariant()}", clientIp);

    public static AuditActor System(string job) => new($"system:{job}");

    /// <summary>An anonymous caller (a failed sign-in, a first-run form): recorded with its address only.</summary>
    public static AuditActor Anonymous(string? clientIp) => new("anonymous", clientIp);
}
