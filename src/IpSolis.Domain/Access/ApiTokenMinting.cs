namespace IpSolis.Domain.Access;

/// <summary>
/// The mint guard: a token never carries more authority than whoever creates it. A token asked for without a role
/// gets its creator's role, and a role above the creator's is refused.
/// </summary>
public static class ApiTokenMinting
{
    public const int MinimumExpiryDays = 1;
    public const int MaximumExpiryDays = 3650;
    public const int MaximumNameLength = 120;

    /// <summary>The role the new token carries.</summary>
    public static Result<AdminRole> TokenRole(AdminRole creatorRole, AdminRole? requested)
    {
        if (requested is null)
            return Result<AdminRole>.Success(creatorRole);
        if (requested > creatorRole)
            return new DomainError("api_token.role_above_creator", $"A token cannot have a higher role than yours ({AdminRoles.Name(creatorRole)}).", "role");
        return Result<AdminRole>.Success(requested.Value);
    }

    public static DomainError? CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaximumNameLength)
            return new DomainError("api_token.name", $"The token name must be 1 to {MaximumNameLength} characters long.", "name");
        return null;
    }

    public static DomainError? CheckExpiry(int? days)
    {
        if (days is < MinimumExpiryDays or > MaximumExpiryDays)
            return new DomainError("api_token.expiry", $"A token expires after {MinimumExpiryDays} to {MaximumExpiryDays} days.", "expiresInDays");
        return null;
    }
}
