using IpSolis.Domain.Access;

namespace IpSolis.Server.Platform.Security;

/// <summary>An administrator account of the console and the admin API.</summary>
public sealed class AdminUser
{
    public long Id { get; set; }

    /// <summary>Lower case, 3–128 characters of <c>a-z 0-9 . _ @ -</c> (see <see cref="AdminUsername"/>).</summary>
    public required string Username { get; set; }

    /// <summary>Self-describing hash (<see cref="PasswordHashing"/>): the algorithm and cost travel with it.</summary>
    public required string PasswordHash { get; set; }

    public AdminRole Role { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The audit actor that created the account.</summary>
    public required string CreatedBy { get; set; }

    public DateTimeOffset PasswordSetAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Consecutive failed sign-ins since the last success.</summary>
    public int FailedSignInCount { get; set; }

    public DateTimeOffset? LockedAt { get; set; }

    public AdminAccount ToAccount() => new(Id, Role, IsActive);
}
