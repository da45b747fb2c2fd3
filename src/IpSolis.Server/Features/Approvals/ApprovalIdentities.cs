namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// The person behind an audit actor id, as a whole identity: <c>portal:user:ann@x</c> is <c>ann@x</c>,
/// <c>admin:session:ann:admin</c> is <c>ann</c>, <c>token:deploy</c> is <c>deploy</c>. System actors are nobody.
/// </summary>
public static class ApprovalIdentities
{
    public static IReadOnlyList<string> OfActor(string? actorId)
    {
        if (string.IsNullOrWhiteSpace(actorId))
            return [];
        if (actorId.StartsWith("portal:user:", StringComparison.Ordinal))
            return [actorId["portal:user:".Length..]];
        if (actorId.StartsWith("admin:session:", StringComparison.Ordinal))
        {
            var rest = actorId["admin:session:".Length..];
            var lastColon = rest.LastIndexOf(':');
            return [lastColon > 0 ? rest[..lastColon] : rest];
        }

        if (actorId.StartsWith("token:", StringComparison.Ordinal))
            return [actorId["token:".Length..]];
        return [];
    }
}
