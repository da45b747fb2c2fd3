using IpSolis.Domain;
using IpSolis.Domain.AccessTargets;

namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// A group-access target as the API reads and shows it: <c>{"groupDn","principalSource","createIfMissing"}</c>, the
/// source one of <c>requester</c>, <c>rdp_users</c>, <c>admin_users</c>, <c>all</c> (default <c>requester</c>).
/// </summary>
public sealed record GroupTargetEntry(string? GroupDn, string? PrincipalSource, bool? CreateIfMissing)
{
    public static GroupTargetEntry From(GroupTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new GroupTargetEntry(target.GroupDn, WireName<Domain.AccessTargets.PrincipalSource>.Of(target.PrincipalSource), target.CreateIfMissing);
    }
}
