using System.Globalization;
using System.Security.Claims;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Who is calling the console or the admin API, and with what authority. Built by the authentication handler,
/// carried as claims, read back with <see cref="From"/>.
/// </summary>
/// <param name="Via"><see cref="Session"/>, <see cref="Token"/> or <see cref="LegacyKey"/>.</param>
/// <param name="Name">The username, the token's name, or <c>legacy_key</c>.</param>
/// <param name="Role">The effective role (a token's is capped by its creator's current role).</param>
/// <param name="UserId">The account: the signed-in one, or the token's creator.</param>
/// <param name="LegacyAuthority">The authority comes from <c>ADMIN_API_KEY</c> (the key itself, a session opened with it, or a token it minted).</param>
public sealed record AdminIdentity(
    string Via,
    string Name,
    AdminRole Role,
    long? UserId,
    bool LegacyAuthority,
    long? SessionId = null,
    long? TokenId = null,
    IReadOnlyList<string>? Scopes = null)
{
    public const string Session = "session";
    public const string Token = "token";
    public const string LegacyKey = "legacy_key";

    private const string ViaClaim = "ipsolis:via";
    private const string UserIdClaim = "ipsolis:user_id";
    private const string SessionIdClaim = "ipsolis:session_id";
    private const string TokenIdClaim = "ipsolis:token_id";
    private const string ScopeClaim = "ipsolis:scope";
    private const string LegacyClaim = "ipsolis:legacy";

    /// <summary>A signed-in account (not the legacy key, not a token): the only kind that has a password of its own.</summary>
    public bool IsAccountSession => Via == Session && UserId is not null && !LegacyAuthority;

    public AuditActor Actor(string? clientIp) => Via switch
    {
        Token => AuditActor.Token(Name, clientIp),
        _ when LegacyAuthority && Via != Token => AuditActor.LegacyKey(clientIp),
        _ => AuditActor.AdminSession(Name, AdminRoles.Name(Role), clientIp),
    };

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            // The antiforgery system ties its tokens to this claim: one value per session, token or key.
            new(ClaimTypes.NameIdentifier, Via switch
            {
                Session => $"session:{SessionId}",
                Token => $"token:{TokenId}",
                _ => LegacyKey,
            }),
            new(ClaimTypes.Name, Name),
            new(ClaimTypes.Role, AdminRoles.Name(Role)),
            new(ViaClaim, Via),
        };
        if (UserId is { } userId)
            claims.Add(new Claim(UserIdClaim, userId.ToString(CultureInfo.InvariantCulture)));
        if (SessionId is { } sessionId)
            claims.Add(new Claim(SessionIdClaim, sessionId.ToString(CultureInfo.InvariantCulture)));
        if (TokenId is { } tokenId)
            claims.Add(new Claim(TokenIdClaim, tokenId.ToString(CultureInfo.InvariantCulture)));
        if (LegacyAuthority)
            claims.Add(new Claim(LegacyClaim, "true"));
        foreach (var scope in Scopes ?? [])
            claims.Add(new Claim(ScopeClaim, scope));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The identity behind <paramref name="principal"/>, or null when it is not an administrator.</summary>
    public static AdminIdentity? From(ClaimsPrincipal? principal)
    {
        if (principal?.FindFirst(ViaClaim)?.Value is not { } via || principal.Identity?.IsAuthenticated != true)
            return null;
        if (!AdminRoles.TryParse(principal.FindFirst(ClaimTypes.Role)?.Value, out var role))
            return null;
        return new AdminIdentity(
            via,
            principal.FindFirst(ClaimTypes.Name)?.Value ?? "",
            role,
            Long(principal, UserIdClaim),
            principal.HasClaim(LegacyClaim, "true"),
            Long(principal, SessionIdClaim),
            Long(principal, TokenIdClaim),
            principal.FindAll(ScopeClaim).Select(c => c.Value).ToList());
    }

    private static long? Long(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.FindFirst(type)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
