using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// Checks a local-directory person's portal password by email or username, counting failures and locking the
/// person out like an admin account (the same lockout policy). Unknown logins cost the same and lock the same, so
/// the answers never reveal who is in the directory. Changes go into the caller's unit of work, saved with its audit.
/// </summary>
public sealed class LocalCredentials(PasswordHashing hashing, AccessPolicy access, TimeProvider time)
{
    // Kept apart from the console's, so failures in one place never lock a name in the other.
    private readonly UnknownAccountLockouts _unknown = new();

    public async Task<LocalSignInCheck> CheckAsync(IpSolisDbContext db, string? login, string? password, CancellationToken cancellationToken)
    {
        var key = (login ?? "").Trim().ToLowerInvariant();
        password ??= "";
        var policy = await access.PasswordsAsync(cancellationToken);
        var now = time.GetUtcNow();
        var candidates = key.Length == 0 || key.Length > 320
            ? []
            : await db.Set<DirectoryPerson>().Where(p => p.Email == key || p.Username == key).ToListAsync(cancellationToken);
        var person = candidates.FirstOrDefault(p => p.Email == key) ?? candidates.FirstOrDefault();

        if (person is null)
        {
            await hashing.VerifyAsync(password, hashing.Decoy, cancellationToken);
            var lockedUntil = _unknown.LockedUntil(key, policy, now) ?? _unknown.Fail(key, policy, now);
            return lockedUntil is { } until
                ? new LocalSignInCheck(LocalSignInResult.Locked, key, null, Reason: "unknown_user", LockedUntil: until)
                : new LocalSignInCheck(LocalSignInResult.Wrong, key, null, Reason: "unknown_user");
        }

        var entry = LocalPersonDirectory.Entry(person);
        if (person.LockedAt is { } lockedAt)
        {
            if (now < policy.UnlocksAt(lockedAt))
            {
                await hashing.VerifyAsync(password, hashing.Decoy, cancellationToken);
                return new LocalSignInCheck(LocalSignInResult.Locked, key, entry, person.Id, "locked", policy.UnlocksAt(lockedAt));
            }

            person.LockedAt = null;
            person.FailedSignInCount = 0;
        }

        var check = await hashing.VerifyAsync(password, person.PasswordHash ?? hashing.Decoy, cancellationToken);
        if (person.PasswordHash is null)
            check = PasswordCheck.Wrong;
        if (check == PasswordCheck.Wrong)
        {
            person.FailedSignInCount++;
            var reason = person.PasswordHash is null ? "no_password" : "wrong_password";
            if (!policy.Locks(person.FailedSignInCount))
                return new LocalSignInCheck(LocalSignInResult.Wrong, key, entry, person.Id, reason);
            person.LockedAt = now;
            return new LocalSignInCheck(LocalSignInResult.Locked, key, entry, person.Id, reason, policy.UnlocksAt(now), LockedNow: true);
        }

        // The password was right: only now may the answer say the person is inactive, so it leaks nothing.
        if (!person.IsActive)
            return new LocalSignInCheck(LocalSignInResult.Inactive, key, entry, person.Id, "inactive");

        if (check == PasswordCheck.CorrectButOutdated)
            person.PasswordHash = await hashing.HashAsync(password, cancellationToken);
        person.FailedSignInCount = 0;
        return new LocalSignInCheck(LocalSignInResult.SignedIn, key, entry, person.Id);
    }
}
