using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;

namespace IpSolis.Server.Features.Administration;

/// <summary>JSON shapes of the admin access API.</summary>
internal static class AdminApiModels
{
    public sealed record CreateUserRequest(string? Username, string? Password, string? Role);

    public sealed record UpdateUserRequest(string? Role, bool? IsActive, string? NewPassword);

    public sealed record GrantsRequest(long[]? AssetTypeIds);

    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    public sealed record CreateTokenRequest(string? Name, string[]? Scopes, string? Role, int? ExpiresInDays);

    public sealed record PurgeRequest(int? OlderThanDays);

    public static object User(AdminUser user) => new
    {
        id = user.Id,
        username = user.Username,
        role = AdminRoles.Name(user.Role),
        isActive = user.IsActive,
        createdAt = user.CreatedAt,
        createdBy = user.CreatedBy,
        updatedAt = user.UpdatedAt,
        lastSignInAt = user.LastSignInAt,
        passwordSetAt = user.PasswordSetAt,
        lockedAt = user.LockedAt,
    };

    public static object Token(ApiToken token, DateTimeOffset now) => new
    {
        id = token.Id,
        name = token.Name,
        prefix = token.TokenPrefix,
        scopes = token.ScopeList,
        role = AdminRoles.Name(token.Role),
        status = token.Status(now),
        createdBy = token.CreatedBy,
        createdAt = token.CreatedAt,
        expiresAt = token.ExpiresAt,
        lastUsedAt = token.LastUsedAt,
        revokedAt = token.RevokedAt,
    };

    public static object Session(SessionSummary session) => new
    {
        id = session.Id,
        adminUserId = session.AdminUserId,
        username = session.Username,
        role = AdminRoles.Name(session.Role),
        method = session.Method,
        createdAt = session.CreatedAt,
        lastSeenAt = session.LastSeenAt,
        expiresAt = session.ExpiresAt,
        clientIp = session.ClientIp,
        userAgent = session.UserAgent,
    };
}
