using System.DirectoryServices.Protocols;
using IpSolis.Domain;
using IpSolis.Domain.Ldap;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>
/// The company directory over LDAP or Active Directory. Every filter is built with <see cref="LdapFilter"/> (values
/// escaped) and every DN with <see cref="DistinguishedName"/>; nothing a person types reaches a filter or a DN
/// unescaped. Lookups and memberships are cached for the configured lifetime; passwords and disabled flags for a
/// sign-in are always read fresh. Group changes are audited in ip·Solis' own log.
/// </summary>
public sealed class LdapPersonDirectory(
    SettingsStore settings,
    LdapConnections connections,
    IMemoryCache cache,
    IDbContextFactory<IpSolisDbContext> contexts,
    IAuditTrail audit) : IPersonDirectory, IDirectoryGroups, IDirectoryAuthentication
{
    /// <summary>The configuration in use; throws <see cref="DirectoryUnavailableException"/> while it is incomplete.</summary>
    public async Task<LdapConfiguration> ConfigurationAsync(CancellationToken cancellationToken)
    {
        var snapshot = await settings.CurrentAsync(cancellationToken);
        return LdapConfiguration.From(snapshot, out var missing)
               ?? throw new DirectoryUnavailableException($"The LDAP directory is not configured yet: {missing} is missing (Settings → Directory).");
    }

    public async Task<DirectoryEntry?> FindPersonAsync(string emailOrUsername, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        var person = await FindAsync(configuration, emailOrUsername, fresh: false, cancellationToken);
        if (person is null)
            return null;
        var manager = person.ManagerDn is { } managerDn ? await PersonAtAsync(configuration, managerDn, cancellationToken) : null;
        return person.Entry with { ManagerEmail = manager?.Entry.Email };
    }

    public async Task<DirectoryEntry?> FindManagerAsync(string email, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        var person = await FindAsync(configuration, email, fresh: false, cancellationToken);
        if (person?.ManagerDn is not { } managerDn)
            return null;
        var manager = await PersonAtAsync(configuration, managerDn, cancellationToken);
        return manager is null || manager.Dn.Equals(person.Dn, StringComparison.OrdinalIgnoreCase) ? null : manager.Entry;
    }

    public async Task<IReadOnlyList<DirectoryEntry>> DirectReportsAsync(string email, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        var person = await FindAsync(configuration, email, fresh: false, cancellationToken);
        if (person is null)
            return [];
        return await CachedAsync(configuration, "reports:" + person.Dn, async () =>
        {
            var filter = LdapSearch.People(configuration, LdapFilter.Equal(configuration.ManagerAttribute, person.Dn));
            var entries = await connections.RunAsync(configuration, c =>
                LdapSearch.Paged(c, configuration, configuration.BaseDn, filter, SearchScope.Subtree, configuration.PersonAttributes), cancellationToken);
            return (IReadOnlyList<DirectoryEntry>)entries
                .Select(e => LdapSearch.Person(e, configuration))
                .OfType<LdapPerson>()
                .Where(p => !p.Dn.Equals(person.Dn, StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Entry with { ManagerEmail = person.Entry.Email })
                .OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Email, StringComparer.Ordinal)
                .ToList();
        });
    }

    public async Task<bool> IsMemberAsync(string email, string group, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        var person = await FindAsync(configuration, email, fresh: false, cancellationToken);
        var groupDn = await GroupDnAsync(configuration, group, cancellationToken);
        if (person is null || groupDn is null)
            return false;
        if (configuration.IsActiveDirectory)
        {
            // The server walks the nesting: one base search on the person with the in-chain rule.
            return await CachedAsync(configuration, $"member:{person.Dn}|{groupDn}", () => connections.RunAsync(configuration, c =>
                LdapSearch.Base(c, configuration, person.Dn, LdapFilter.Matching("memberOf", LdapFilter.InChainRule, groupDn), ["1.1"]) is not null,
                cancellationToken));
        }

        var groups = await GroupsOfAsync(configuration, person.Dn, cancellationToken);
        return groups.Contains(groupDn);
    }

    /// <summary>
    /// Every group the entry at <paramref name="dn"/> belongs to, directly or through nesting, expanded one level
    /// per search up to the <see cref="MembershipExpansion"/> bound (cycles end on the visited set).
    /// </summary>
    public Task<IReadOnlySet<string>> GroupsOfAsync(LdapConfiguration configuration, string dn, CancellationToken cancellationToken) =>
        CachedAsync(configuration, "groups:" + dn, () => connections.RunAsync(configuration, c =>
        {
            var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var frontier = new List<string> { dn };
            for (var depth = 0; frontier.Count > 0 && MembershipExpansion.MayExpand(depth, visited.Count); depth++)
            {
                var filter = LdapFilter.And(configuration.GroupFilter, LdapFilter.Or(frontier.Select(member => LdapFilter.Equal(configuration.MemberAttribute, member))));
                var parents = LdapSearch.Paged(c, configuration, configuration.BaseDn, filter, SearchScope.Subtree, ["1.1"],
                    limit: MembershipExpansion.MaximumGroups);
                frontier = parents.Select(p => p.DistinguishedName).Where(visited.Add).ToList();
            }

            return (IReadOnlySet<string>)visited;
        }, cancellationToken));

    public async Task<DirectoryAuthentication> AuthenticateAsync(string? login, string? password, CancellationToken cancellationToken)
    {
        // An empty password would make an unauthenticated bind, which servers accept: never try it.
        if (string.IsNullOrEmpty(password))
            return new DirectoryAuthentication(DirectoryAuthenticationResult.Wrong, Reason: "empty_password");
        var configuration = await ConfigurationAsync(cancellationToken);
        // Found with the service account, never by building a DN from the login.
        var person = await FindAsync(configuration, login, fresh: true, cancellationToken);
        if (person is null)
            return new DirectoryAuthentication(DirectoryAuthenticationResult.Wrong, Reason: "unknown_user");

        try
        {
            using var own = await LdapConnections.OpenBoundedAsync(configuration, person.Dn, password, cancellationToken);
        }
        catch (LdapException ex) when (ex.ErrorCode == 49)
        {
            return new DirectoryAuthentication(DirectoryAuthenticationResult.Wrong, person.Entry, person.Entry.IsActive ? "wrong_password" : "disabled");
        }
        catch (LdapException ex)
        {
            throw LdapConnections.Unavailable(configuration, ex);
        }

        // Only a right password learns that the account is disabled, as with local passwords.
        return person.Entry.IsActive
            ? new DirectoryAuthentication(DirectoryAuthenticationResult.Authenticated, person.Entry)
            : new DirectoryAuthentication(DirectoryAuthenticationResult.Disabled, person.Entry, "disabled");
    }

    public Task<Result<string>> CreateGroupAsync(AuditActor actor, string name, string? description, CancellationToken cancellationToken) =>
        CreateGroupAsync(null, actor, name, description, cancellationToken);

    /// <summary>
    /// <see cref="CreateGroupAsync(AuditActor, string, string?, CancellationToken)"/> for a caller inside a transaction
    /// of its own (an order run): the audit row is recorded on <paramref name="unitOfWork"/> (saved with the caller's
    /// work) instead of in a save of its own, which on SQLite would wait for the caller's write lock.
    /// </summary>
    public async Task<Result<string>> CreateGroupAsync(IpSolisDbContext? unitOfWork, AuditActor actor, string name, string? description, CancellationToken cancellationToken)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is 0 or > 200 || trimmed.Any(char.IsControl))
            return new DomainError("directory_group.name_invalid", "A group name has 1–200 characters and no control characters.", "name");
        var configuration = await ConfigurationAsync(cancellationToken);
        var dn = DistinguishedName.LooksLikeDn(trimmed) && trimmed.Contains('=', StringComparison.Ordinal)
            ? trimmed
            : DistinguishedName.Child("cn", trimmed, configuration.GroupBaseDn);
        var cn = DistinguishedName.LooksLikeDn(trimmed) && trimmed.Contains('=', StringComparison.Ordinal) ? null : trimmed;
        var request = new AddRequest(dn);
        if (configuration.IsActiveDirectory)
        {
            request.Attributes.Add(new DirectoryAttribute("objectClass", "group"));
            // A global security group.
            request.Attributes.Add(new DirectoryAttribute("groupType", unchecked((int)0x80000002).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (cn is not null)
                request.Attributes.Add(new DirectoryAttribute("sAMAccountName", cn));
        }
        else
        {
            request.Attributes.Add(new DirectoryAttribute("objectClass", "groupOfNames"));
            // groupOfNames must have a member: the service account holds the place until people are added.
            request.Attributes.Add(new DirectoryAttribute(configuration.MemberAttribute, configuration.BindDn));
        }

        if (!string.IsNullOrWhiteSpace(description))
            request.Attributes.Add(new DirectoryAttribute("description", description.Trim()));

        var created = await connections.RunAsync(configuration, c =>
        {
            try
            {
                c.SendRequest(request, configuration.Timeout);
                return (bool?)true;
            }
            catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.EntryAlreadyExists)
            {
                return false;
            }
            catch (DirectoryOperationException ex) when (ex.Response?.ResultCode is ResultCode.InsufficientAccessRights or ResultCode.NoSuchObject or ResultCode.ObjectClassViolation or ResultCode.NamingViolation)
            {
                return null;
            }
        }, cancellationToken);
        if (created is null)
            return new DomainError("directory_group.create_refused", $"The directory refused to create {dn} (rights, container or schema).", "name");
        if (created == true)
            await AuditAsync(unitOfWork, actor, new AuditEvent("directory_group.created", "directory_group", dn, NewValues: new { dn, description, directory = "ldap" }), cancellationToken);
        return dn;
    }

    public Task<Result<bool>> AddMemberAsync(AuditActor actor, string group, string email, CancellationToken cancellationToken) =>
        ChangeMemberAsync(null, actor, group, email, DirectoryAttributeOperation.Add, cancellationToken);

    public Task<Result<bool>> RemoveMemberAsync(AuditActor actor, string group, string email, CancellationToken cancellationToken) =>
        ChangeMemberAsync(null, actor, group, email, DirectoryAttributeOperation.Delete, cancellationToken);

    /// <summary>Adds a member, auditing on the caller's <paramref name="unitOfWork"/> (see <see cref="CreateGroupAsync(IpSolisDbContext?, AuditActor, string, string?, CancellationToken)"/>).</summary>
    public Task<Result<bool>> AddMemberAsync(IpSolisDbContext unitOfWork, AuditActor actor, string group, string email, CancellationToken cancellationToken) =>
        ChangeMemberAsync(unitOfWork, actor, group, email, DirectoryAttributeOperation.Add, cancellationToken);

    /// <summary>Removes a member, auditing on the caller's <paramref name="unitOfWork"/>.</summary>
    public Task<Result<bool>> RemoveMemberAsync(IpSolisDbContext unitOfWork, AuditActor actor, string group, string email, CancellationToken cancellationToken) =>
        ChangeMemberAsync(unitOfWork, actor, group, email, DirectoryAttributeOperation.Delete, cancellationToken);

    private async Task<Result<bool>> ChangeMemberAsync(IpSolisDbContext? unitOfWork, AuditActor actor, string group, string email, DirectoryAttributeOperation operation, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        var groupDn = await GroupDnAsync(configuration, group, cancellationToken);
        if (groupDn is null)
            return LocalDirectory.GroupNotFound;
        var person = await FindAsync(configuration, email, fresh: true, cancellationToken);
        if (person is null)
            return LocalDirectory.PersonNotFound;

        var request = new ModifyRequest(groupDn, operation, configuration.MemberAttribute, person.Dn);
        var changed = await connections.RunAsync(configuration, c =>
        {
            try
            {
                c.SendRequest(request, configuration.Timeout);
                return (bool?)true;
            }
            catch (DirectoryOperationException ex) when (ex.Response?.ResultCode is ResultCode.AttributeOrValueExists or ResultCode.NoSuchAttribute)
            {
                // Already a member / already not one: the wanted state holds.
                return false;
            }
            catch (DirectoryOperationException ex) when (ex.Response?.ResultCode is ResultCode.InsufficientAccessRights or ResultCode.ObjectClassViolation or ResultCode.UnwillingToPerform)
            {
                return null;
            }
        }, cancellationToken);
        if (changed is null)
            return new DomainError("directory_membership.refused", $"The directory refused to change the members of {groupDn} (rights, or the group's last member).", "group");

        Forget(configuration, "groups:" + person.Dn);
        Forget(configuration, $"member:{person.Dn}|{groupDn}");
        if (changed == true)
        {
            var action = operation == DirectoryAttributeOperation.Add ? "directory_group.member_added" : "directory_group.member_removed";
            await AuditAsync(unitOfWork, actor, new AuditEvent(action, "directory_group", groupDn, NewValues: new { group = groupDn, member = person.Entry.Email, directory = "ldap" }), cancellationToken);
        }

        return changed.Value;
    }

    /// <summary>
    /// Deletes the group at the DN <paramref name="group"/> (a name is refused: deleting by search could hit the wrong
    /// group). Only an entry the group filter matches is deleted; a missing one is success (false), so a re-run after a
    /// crash passes.
    /// </summary>
    public async Task<Result<bool>> DeleteGroupAsync(AuditActor actor, string group, CancellationToken cancellationToken)
    {
        var dn = (group ?? "").Trim();
        if (dn.Length is 0 or > 1000 || !dn.Contains('=', StringComparison.Ordinal) || !DistinguishedName.LooksLikeDn(dn))
            return new DomainError("directory_group.dn_required", "Group must be the DN of the group to delete, like cn=app-users,ou=groups,dc=example,dc=com.", "Group");
        var configuration = await ConfigurationAsync(cancellationToken);
        var outcome = await connections.RunAsync(configuration, c =>
        {
            if (LdapSearch.Base(c, configuration, dn, configuration.GroupFilter, ["1.1"]) is null)
                return LdapSearch.Base(c, configuration, dn, "(objectClass=*)", ["1.1"]) is null ? LdapChange.Missing : LdapChange.WrongKind;
            return LdapChanges.Send(c, configuration, new DeleteRequest(dn));
        }, cancellationToken);
        switch (outcome)
        {
            case LdapChange.WrongKind:
                return new DomainError("directory_group.not_a_group", $"{dn} is not a group (the group filter does not match it); it was left alone.", "Group");
            case LdapChange.Refused:
                return new DomainError("directory_group.delete_refused", $"The directory refused to delete {dn} (rights, or it has entries below it).", "Group");
            case LdapChange.Done:
                Forget(configuration, "group:" + dn.ToLowerInvariant());
                await AuditAsync(null, actor, new AuditEvent("directory_group.deleted", "directory_group", dn, OldValues: new { dn, directory = "ldap" }), cancellationToken);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The person with this email, UPN or username (a <c>DOMAIN\</c> prefix is dropped), or null when there is none
    /// or more than one (an ambiguous login never signs anyone in).
    /// </summary>
    public async Task<LdapPerson?> FindAsync(LdapConfiguration configuration, string? login, bool fresh, CancellationToken cancellationToken)
    {
        var key = (login ?? "").Trim();
        if (key.LastIndexOf('\\') is var slash and >= 0)
            key = key[(slash + 1)..];
        if (key.Length is 0 or > 320)
            return null;

        var condition = key.Contains('@', StringComparison.Ordinal)
            ? LdapFilter.Or(new[] { configuration.EmailAttribute, configuration.UpnAttribute }.OfType<string>().Select(a => LdapFilter.Equal(a, key)))
            : LdapFilter.Equal(configuration.UsernameAttribute, key);
        var filter = LdapSearch.People(configuration, condition);
        Task<LdapPerson?> Search() => connections.RunAsync(configuration, c =>
        {
            var found = LdapSearch.Paged(c, configuration, configuration.BaseDn, filter, SearchScope.Subtree, configuration.PersonAttributes, limit: 2);
            return found.Count == 1 ? LdapSearch.Person(found[0], configuration) : null;
        }, cancellationToken);

        return fresh ? await Search() : await CachedAsync(configuration, "person:" + key.ToLowerInvariant(), Search);
    }

    private Task<LdapPerson?> PersonAtAsync(LdapConfiguration configuration, string dn, CancellationToken cancellationToken) =>
        CachedAsync(configuration, "dn:" + dn, () => connections.RunAsync(configuration, c =>
            LdapSearch.Base(c, configuration, dn, configuration.PeopleFilter, configuration.PersonAttributes) is { } entry
                ? LdapSearch.Person(entry, configuration)
                : null, cancellationToken));

    /// <summary>
    /// A group given as a DN is read back (so its spelling is the server's); one given by name is searched by
    /// <c>cn</c> (and <c>sAMAccountName</c> on Active Directory). Null when there is no such group.
    /// </summary>
    private Task<string?> GroupDnAsync(LdapConfiguration configuration, string group, CancellationToken cancellationToken)
    {
        var name = (group ?? "").Trim();
        if (name.Length is 0 or > 1000)
            return Task.FromResult<string?>(null);
        return CachedAsync(configuration, "group:" + name.ToLowerInvariant(), () => connections.RunAsync(configuration, c =>
        {
            if (name.Contains('=', StringComparison.Ordinal) && DistinguishedName.LooksLikeDn(name))
                return LdapSearch.Base(c, configuration, name, configuration.GroupFilter, ["1.1"])?.DistinguishedName;
            var byName = configuration.IsActiveDirectory
                ? LdapFilter.Or(LdapFilter.Equal("cn", name), LdapFilter.Equal("sAMAccountName", name))
                : LdapFilter.Equal("cn", name);
            var found = LdapSearch.Paged(c, configuration, configuration.BaseDn, LdapFilter.And(configuration.GroupFilter, byName), SearchScope.Subtree, ["1.1"], limit: 2);
            return found.Count == 1 ? found[0].DistinguishedName : null;
        }, cancellationToken));
    }

    private async Task<T> CachedAsync<T>(LdapConfiguration configuration, string key, Func<Task<T>> load)
    {
        if (configuration.CacheLifetime <= TimeSpan.Zero)
            return await load();
        var cacheKey = (configuration, key);
        if (cache.TryGetValue(cacheKey, out T? hit))
            return hit!;
        var value = await load();
        cache.Set(cacheKey, value, configuration.CacheLifetime);
        return value;
    }

    private void Forget(LdapConfiguration configuration, string key) => cache.Remove((configuration, key));

    private async Task AuditAsync(IpSolisDbContext? unitOfWork, AuditActor actor, AuditEvent change, CancellationToken cancellationToken)
    {
        if (unitOfWork is not null)
        {
            audit.Record(unitOfWork, actor, change);
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        audit.Record(db, actor, change);
        await db.SaveChangesAsync(cancellationToken);
    }
}
