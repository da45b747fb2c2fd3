namespace IpSolis.Domain.AccessTargets;

/// <summary>What a run must change for one order: grants to add and grants to take back.</summary>
public sealed record AccessChange(IReadOnlyList<AccessGrant> ToGrant, IReadOnlyList<AccessGrant> ToRevoke)
{
    public static AccessChange None { get; } = new([], []);

    public bool IsEmpty => ToGrant.Count == 0 && ToRevoke.Count == 0;
}
