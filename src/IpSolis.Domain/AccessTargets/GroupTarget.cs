namespace IpSolis.Domain.AccessTargets;

/// <summary>
/// A directory group an asset type's orders grant: <paramref name="GroupDn"/> is a DN (or, for the local directory,
/// a group name) that may contain <c>{asset_name}</c>, replaced by the order's asset name (escaped as an RDN value);
/// <paramref name="PrincipalSource"/> says whom to add; <paramref name="CreateIfMissing"/> creates the group first.
/// </summary>
public sealed record GroupTarget(string GroupDn, PrincipalSource PrincipalSource, bool CreateIfMissing = false);
