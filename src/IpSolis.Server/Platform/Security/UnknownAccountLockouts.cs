using System.Collections.Concurrent;
using IpSolis.Domain.Access;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Counts failed sign-ins for usernames that do not exist and "locks" them exactly like real accounts, so the
/// answers never tell an existing account from a missing one. Per node, bounded, forgotten after the lock ends.
/// </summary>
public sealed class UnknownAccountLockouts
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>When the name unlocks, if it is "locked" now.</summary>
    public DateTimeOffset? LockedUntil(string username, PasswordPolicy policy, DateTimeOffset now)
    {
        if (!_states.TryGetValue(username, out var state) || state.LockedAt is not { } lockedAt)
            return null;
        if (now < policy.UnlocksAt(lockedAt))
            return policy.UnlocksAt(lockedAt);
        _states.TryRemove(username, out _);
        return null;
    }

    /// <summary>Counts a failure; returns when the name unlocks if this failure "locked" it.</summary>
    public DateTimeOffset? Fail(string username, PasswordPolicy policy, DateTimeOffset now)
    {
        if (_states.Count >= Capacity)
            _states.Clear();
        var state = _states.AddOrUpdate(username, _ => new State(1, null), (_, s) => s with { Failures = s.Failures + 1 });
        if (!policy.Locks(state.Failures))
            return null;
        _states[username] = state with { LockedAt = now };
        return policy.UnlocksAt(now);
    }

    /// <summary>Forgets the name's failures (a successful sign-in).</summary>
    public void Forget(string username) => _states.TryRemove(username, out _);

    private sealed record State(int Failures, DateTimeOffset? LockedAt);
}
