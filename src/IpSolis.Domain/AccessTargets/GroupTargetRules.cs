using IpSolis.Domain.Ldap;

namespace IpSolis.Domain.AccessTargets;

/// <summary>
/// The rules of group-access targets: what a valid target looks like, the group a target names for one asset, and
/// the people it names for one order.
/// </summary>
public static class GroupTargetRules
{
    /// <summary>The one placeholder a group may contain.</summary>
    public const string AssetNamePlaceholder = "{asset_name}";

    public const int MaximumGroupLength = 500;

    /// <summary>Most targets one asset type may have.</summary>
    public const int MaximumTargets = 20;

    // A value with every RDN special in it: a template that stays a DN with it substituted stays one with any name.
    private const string ProbeAssetName = " #a,b+c=d;e<f>\"g\\h ";

    /// <summary>
    /// Checks the targets of one type (trimmed on the way): each group is a DN, or a plain group name for the local
    /// directory, with no placeholder but <c>{asset_name}</c>, and no group is named twice. Errors name
    /// <c>groupTargets[i].groupDn</c>.
    /// </summary>
    public static Result<IReadOnlyList<GroupTarget>> Check(IReadOnlyList<GroupTarget>? targets)
    {
        var errors = new List<DomainError>();
        var clean = new List<GroupTarget>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        targets ??= [];
        if (targets.Count > MaximumTargets)
            return new DomainError("group_target.too_many", $"A type has at most {MaximumTargets} group targets.", "groupTargets");
        for (var i = 0; i < targets.Count; i++)
        {
            var field = $"groupTargets[{i}].groupDn";
            var group = (targets[i].GroupDn ?? "").Trim();
            if (CheckGroup(group, field) is { } error)
            {
                errors.Add(error);
                continue;
            }

            if (!seen.Add(group + "|" + targets[i].PrincipalSource))
            {
                errors.Add(new DomainError("group_target.duplicate", $"'{group}' is a target twice for the same people.", field));
                continue;
            }

            clean.Add(targets[i] with { GroupDn = group });
        }

        return errors.Count > 0 ? Result<IReadOnlyList<GroupTarget>>.Failure([.. errors]) : clean;
    }

    /// <summary>Why <paramref name="group"/> (trimmed) cannot be a target's group, or null when it can.</summary>
    public static DomainError? CheckGroup(string group, string field)
    {
        if (group.Length == 0)
            return new DomainError("group_target.group_required", "Enter the group's DN (CN=…,OU=…) or its local name.", field);
        if (group.Length > MaximumGroupLength || group.Any(char.IsControl))
            return new DomainError("group_target.group_invalid", $"A group has at most {MaximumGroupLength} characters and no control characters.", field);
        var withoutPlaceholder = group.Replace(AssetNamePlaceholder, "", StringComparison.OrdinalIgnoreCase);
        if (withoutPlaceholder.Contains('{', StringComparison.Ordinal) || withoutPlaceholder.Contains('}', StringComparison.Ordinal))
            return new DomainError("group_target.placeholder_unknown", $"'{group}' has a placeholder other than {AssetNamePlaceholder}.", field);
        if (!group.Contains('=', StringComparison.Ordinal))
            return null;
        // A DN: it must read as one with any asset name substituted, and the name may only stand in a value.
        var probe = Substitute(group, ProbeAssetName);
        if (!DistinguishedName.LooksLikeDn(probe) || !DistinguishedName.LooksLikeDn(group.Replace(AssetNamePlaceholder, "x", StringComparison.OrdinalIgnoreCase)))
            return new DomainError("group_target.dn_invalid", $"'{group}' is not a DN (attribute=value pairs separated by commas; {AssetNamePlaceholder} only in a value).", field);
        return null;
    }

    /// <summary>Whether the group needs the asset's name.</summary>
    public static bool NeedsAssetName(GroupTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.GroupDn.Contains(AssetNamePlaceholder, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The group <paramref name="target"/> names for the asset <paramref name="assetName"/>: in a DN the name is
    /// escaped as an RDN value (RFC 4514), so an asset called <c>x,ou=admins</c> never names another group.
    /// </summary>
    public static Result<string> GroupFor(GroupTarget target, string? assetName)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!NeedsAssetName(target))
            return target.GroupDn;
        if (string.IsNullOrWhiteSpace(assetName))
            return new DomainError("group_target.asset_name_missing", $"'{target.GroupDn}' needs the asset's name, and the order has no asset.", "groupDn");
        return target.GroupDn.Contains('=', StringComparison.Ordinal)
            ? Substitute(target.GroupDn, assetName)
            : target.GroupDn.Replace(AssetNamePlaceholder, assetName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The people a target names on an order: trimmed, lower case, each once, requester first. Empty entries are
    /// dropped; a missing list names nobody.
    /// </summary>
    public static IReadOnlyList<string> Principals(PrincipalSource source, string? requester, IReadOnlyList<string>? rdpUsers, IReadOnlyList<string>? adminUsers)
    {
        IEnumerable<string?> people = source switch
        {
            PrincipalSource.Requester => [requester],
            PrincipalSource.RdpUsers => rdpUsers ?? [],
            PrincipalSource.AdminUsers => adminUsers ?? [],
            PrincipalSource.All => new[] { requester }.Concat(rdpUsers ?? []).Concat(adminUsers ?? []),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown principal source."),
        };
        return people.Select(p => (p ?? "").Trim().ToLowerInvariant()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Substitute(string template, string assetName) =>
        template.Replace(AssetNamePlaceholder, DistinguishedName.EscapeValue(assetName), StringComparison.OrdinalIgnoreCase);
}
