namespace IpSolis.Domain.Access;

/// <summary>
/// The rules administrators' passwords follow: a minimum length (never below <see cref="AbsoluteMinimumLength"/>),
/// optional rotation, and lockout after repeated failures.
/// </summary>
/// <param name="MinimumLength">Shortest accepted password; values below 12 are raised to 12.</param>
/// <param name="RotationDays">Days after which a password must be changed; 0 turns rotation off.</param>
/// <param name="LockoutThreshold">Consecutive failures that lock an account; 0 turns lockout off.</param>
/// <param name="LockoutDuration">How long a locked account stays locked.</param>
public sealed record PasswordPolicy(int MinimumLength, int RotationDays, int LockoutThreshold, TimeSpan LockoutDuration)
{
    public const int AbsoluteMinimumLength = 12;

    /// <summary>Longer passwords only cost hashing time; the cap keeps a megabyte "password" from doing so.</summary>
    public const int MaximumLength = 1024;

    public static PasswordPolicy Default { get; } = new(AbsoluteMinimumLength, 0, 10, TimeSpan.FromMinutes(15));

    public int EffectiveMinimumLength => Math.Max(MinimumLength, AbsoluteMinimumLength);

    /// <summary>Whether <paramref name="password"/> may be set; <paramref name="confirmation"/> is checked when given.</summary>
    public DomainError? Check(string? password, string? confirmation = null)
    {
        password ??= "";
        if (password.Length < EffectiveMinimumLength)
            return new DomainError("password.too_short", $"The password must be at least {EffectiveMinimumLength} characters long.", "password");
        if (password.Length > MaximumLength)
            return new DomainError("password.too_long", $"The password must be at most {MaximumLength} characters long.", "password");
        if (string.IsNullOrWhiteSpace(password))
            return new DomainError("password.blank", "The password cannot be only spaces.", "password");
        if (confirmation is not null && !string.Equals(password, confirmation, StringComparison.Ordinal))
            return new DomainError("password.mismatch", "The confirmation does not match the password.", "confirmation");
        return null;
    }

    /// <summary>Whether a password set at <paramref name="setAt"/> must be changed at <paramref name="now"/>.</summary>
    public bool RotationDue(DateTimeOffset setAt, DateTimeOffset now) =>
        RotationDays > 0 && now - setAt >= TimeSpan.FromDays(RotationDays);

    /// <summary>Whether <paramref name="failures"/> consecutive failures lock the account.</summary>
    public bool Locks(int failures) => LockoutThreshold > 0 && failures >= LockoutThreshold;

    /// <summary>When an account locked at <paramref name="lockedAt"/> unlocks by itself.</summary>
    public DateTimeOffset UnlocksAt(DateTimeOffset lockedAt) => lockedAt + LockoutDuration;
}
