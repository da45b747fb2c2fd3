namespace IpSolis.Domain.Ldap;

/// <summary>
/// The bound on expanding nested group membership where the directory cannot do it itself (OpenLDAP and other
/// non-Active Directory servers, walked one level per search). Deeper nesting than <see cref="MaximumDepth"/>
/// levels above a person's own groups, or more than <see cref="MaximumGroups"/> groups in all, is not membership:
/// a pathological hierarchy costs a few searches, never an unbounded walk, and cycles end on the visited set.
/// </summary>
public static class MembershipExpansion
{
    public const int MaximumDepth = 10;

    public const int MaximumGroups = 2000;

    /// <summary>Whether another level may be expanded after <paramref name="depth"/> levels with <paramref name="visited"/> groups seen.</summary>
    public static bool MayExpand(int depth, int visited) => depth < MaximumDepth && visited < MaximumGroups;
}
