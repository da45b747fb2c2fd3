using System.DirectoryServices.Protocols;
using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Ldap;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>
/// Computer accounts over LDAP. The entry's object classes come from the computer object class setting; with
/// <c>computer</c> among them (Active Directory, or a directory with that schema) the account gets
/// <c>sAMAccountName</c> = NAME$ and <c>userAccountControl</c>, and disabling sets ACCOUNTDISABLE with every other bit
/// kept, written as delete-old-value/add-new-value so a concurrent change is noticed instead of overwritten. Only
/// entries the computer filter matches are changed or deleted. DNs are built with <see cref="ComputerAccount"/>.
/// </summary>
public sealed class LdapComputerAccounts(
    LdapPersonDirectory directory,
    LdapConnections connections,
    IDbContextFactory<IpSolisDbContext> contexts,
    IAuditTrail audit) : IDirectoryComputers
{
    private const string ControlAttribute = "userAccountControl";

    public async Task<Result<ComputerAccountChange>> CreateComputerAsync(
        AuditActor actor, string name, string ouDn, string? description, bool disabled, CancellationToken cancellationToken)
    {
        name = (name ?? "").Trim();
        ouDn = (ouDn ?? "").Trim();
        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if ((ComputerAccount.CheckName(name) ?? ComputerAccount.CheckOu(ouDn)) is { } invalid)
            return invalid;
        if (description is { Length: > 1024 } || description?.Any(char.IsControl) == true)
            return new DomainError("directory_computer.description_invalid", "Description has at most 1024 characters and no control characters.", "Description");

        var configuration = await directory.ConfigurationAsync(cancellationToken);
        var classes = configuration.ComputerClasses;
        var account = ComputerAccount.HasAccountAttributes(classes);
        var dn = ComputerAccount.Dn(name, ouDn);
        var request = new AddRequest(dn);
        request.Attributes.Add(new DirectoryAttribute("objectClass", classes.Cast<object>().ToArray()));
        request.Attributes.Add(new DirectoryAttribute("cn", name));
        if (account)
        {
            request.Attributes.Add(new DirectoryAttribute("sAMAccountName", ComputerAccount.AccountName(name)));
            request.Attributes.Add(new DirectoryAttribute(ControlAttribute, ComputerAccount.InitialControl(disabled).ToString(CultureInfo.InvariantCulture)));
        }

        if (description is not null)
            request.Attributes.Add(new DirectoryAttribute("description", description));

        var (outcome, existing) = await connections.RunAsync(configuration, c =>
        {
            // An account of that name anywhere (Active Directory's sAMAccountName is unique in the domain) is the one.
            if (Existing(c, configuration, account, name, dn) is { } found)
                return (LdapChange.Unchanged, found);
            var change = LdapChanges.Send(c, configuration, request);
            if (change != LdapChange.Unchanged)
                return (change, dn);
            // Taken meanwhile by an account (a concurrent run), or all along by something that is not one.
            return Existing(c, configuration, account, name, dn) is { } raced ? (LdapChange.Unchanged, raced) : (LdapChange.WrongKind, dn);
        }, cancellationToken);
        switch (outcome)
        {
            case LdapChange.Done:
                await AuditAsync(actor, "directory_computer.created", dn, new { dn, name, description, disabled = account ? disabled : (bool?)null }, cancellationToken);
                return new ComputerAccountChange(dn, true);
            case LdapChange.Unchanged:
                return new ComputerAccountChange(existing, false);
            case LdapChange.WrongKind:
                return new DomainError("directory_computer.name_taken",
                    $"{dn} (or the account name {ComputerAccount.AccountName(name)}) is taken by an entry that is not a computer account; nothing was created.", "Name");
            case LdapChange.NoParent:
                return new DomainError("directory_computer.ou_not_found", $"The OU {ouDn} does not exist in the directory.", "OuDn");
            default:
                return new DomainError("directory_computer.create_refused",
                    $"The directory refused to create {dn} (rights, or its schema lacks the object classes {string.Join(',', classes)}: see Settings → Directory).", "Name");
        }
    }

    public async Task<Result<ComputerAccountChange>> DisableComputerAsync(AuditActor actor, string dn, CancellationToken cancellationToken)
    {
        var configuration = await directory.ConfigurationAsync(cancellationToken);
        if (!ComputerAccount.HasAccountAttributes(configuration.ComputerClasses))
        {
            return new DomainError("directory_computer.disable_unsupported",
                $"Computer accounts with the object classes {configuration.ComputerObjectClasses} have no userAccountControl to disable; list the computer class in Settings → Directory if the schema has it.", "Dn");
        }

        // Read, set the bit, write back only if nobody changed it meanwhile; a lost race reads again.
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, before, after) = await connections.RunAsync(configuration, c =>
            {
                var entry = LdapSearch.Base(c, configuration, dn, configuration.ComputerFilter, [ControlAttribute]);
                if (entry is null)
                    return (Kind(c, configuration, dn), (long?)null, 0L);
                long? flags = long.TryParse(LdapSearch.Text(entry, ControlAttribute), NumberStyles.Integer, CultureInfo.InvariantCulture, out var read) ? read : null;
                if (flags is { } current && ComputerAccount.IsDisabled(current))
                    return (LdapChange.Unchanged, flags, current);
                // An account without flags gets a disabled workstation account's.
                var wanted = flags is { } old ? ComputerAccount.Disable(old) : ComputerAccount.InitialControl(disabled: true);
                var request = new ModifyRequest(dn);
                if (flags is { } value)
                {
                    var remove = new DirectoryAttributeModification { Name = ControlAttribute, Operation = DirectoryAttributeOperation.Delete };
                    remove.Add(value.ToString(CultureInfo.InvariantCulture));
                    request.Modifications.Add(remove);
                }

                var add = new DirectoryAttributeModification { Name = ControlAttribute, Operation = DirectoryAttributeOperation.Add };
                add.Add(wanted.ToString(CultureInfo.InvariantCulture));
                request.Modifications.Add(add);
                return (LdapChanges.Send(c, configuration, request), flags, wanted);
            }, cancellationToken);
            switch (outcome)
            {
                case LdapChange.Done:
                    await AuditAsync(actor, "directory_computer.disabled", dn, new { dn, userAccountControl = after, previous = before }, cancellationToken);
                    return new ComputerAccountChange(dn, true);
                case LdapChange.Unchanged:
                    return new ComputerAccountChange(dn, false);
                case LdapChange.Conflict when attempt < 3:
                    continue;
                case LdapChange.Missing:
                    return new DomainError("directory_computer.not_found", $"There is no computer account at {dn}.", "Dn");
                case LdapChange.WrongKind:
                    return NotAComputer(configuration, dn);
                default:
                    return new DomainError("directory_computer.disable_refused", $"The directory refused to change userAccountControl of {dn} (rights, or it changed repeatedly).", "Dn");
            }
        }
    }

    public async Task<Result<ComputerAccountChange>> DeleteComputerAsync(AuditActor actor, string dn, CancellationToken cancellationToken)
    {
        var configuration = await directory.ConfigurationAsync(cancellationToken);
        var outcome = await connections.RunAsync(configuration, c =>
        {
            if (LdapSearch.Base(c, configuration, dn, configuration.ComputerFilter, ["1.1"]) is null)
                return Kind(c, configuration, dn);
            var request = new DeleteRequest(dn);
            // Active Directory keeps objects below a computer (BitLocker recovery, service connection points): they go with it.
            if (configuration.IsActiveDirectory)
                request.Controls.Add(new TreeDeleteControl());
            return LdapChanges.Send(c, configuration, request);
        }, cancellationToken);
        switch (outcome)
        {
            case LdapChange.Done:
                await AuditAsync(actor, "directory_computer.deleted", dn, new { dn }, cancellationToken);
                return new ComputerAccountChange(dn, true);
            case LdapChange.Missing:
                return new ComputerAccountChange(dn, false);
            case LdapChange.WrongKind:
                return NotAComputer(configuration, dn);
            default:
                return new DomainError("directory_computer.delete_refused", $"The directory refused to delete {dn} (rights, or entries below it).", "Dn");
        }
    }

    private static DomainError NotAComputer(LdapConfiguration configuration, string dn) =>
        new("directory_computer.not_a_computer", $"{dn} is not a computer account (it is not of object class {configuration.ComputerClasses[^1]}); it was left alone.", "Dn");

    /// <summary>Missing when nothing is at <paramref name="dn"/>, otherwise WrongKind (the computer filter did not match it).</summary>
    private static LdapChange Kind(LdapConnection connection, LdapConfiguration configuration, string dn) =>
        LdapSearch.Base(connection, configuration, dn, "(objectClass=*)", ["1.1"]) is null ? LdapChange.Missing : LdapChange.WrongKind;

    /// <summary>The DN of the existing account called <paramref name="name"/>: by sAMAccountName in the base DN, otherwise at <paramref name="dn"/>.</summary>
    private static string? Existing(LdapConnection connection, LdapConfiguration configuration, bool account, string name, string dn)
    {
        if (account)
        {
            var filter = LdapFilter.And(configuration.ComputerFilter, LdapFilter.Equal("sAMAccountName", ComputerAccount.AccountName(name)));
            var found = LdapSearch.Paged(connection, configuration, configuration.BaseDn, filter, SearchScope.Subtree, ["1.1"], limit: 1);
            if (found.Count > 0)
                return found[0].DistinguishedName;
        }

        return LdapSearch.Base(connection, configuration, dn, configuration.ComputerFilter, ["1.1"])?.DistinguishedName;
    }

    private async Task AuditAsync(AuditActor actor, string action, string dn, object values, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        audit.Record(db, actor, new AuditEvent(action, "directory_computer", dn, NewValues: values));
        await db.SaveChangesAsync(cancellationToken);
    }
}
