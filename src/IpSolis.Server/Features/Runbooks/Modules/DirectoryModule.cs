using IpSolis.Domain;
using IpSolis.Domain.Ldap;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary>
/// <c>directory.*</c>: groups, group membership and computer accounts in the directory in use, through the directory
/// feature's idempotent <see cref="IDirectoryGroups"/> and <see cref="IDirectoryComputers"/> (computer accounts only
/// on LDAP / Active Directory). Every step may run again after a crash: a change that already holds is success and
/// its outputs say so. Names and DNs are checked before the directory is asked (<see cref="ComputerAccount"/>), and a
/// DN is only ever built with an escaped value. An unreachable directory fails the attempt (and the step's retry
/// policy tries again). No output carries a secret: the service account's password never reaches a module.
/// </summary>
public sealed class DirectoryModule(string key, IDirectoryGroups groups, IDirectoryComputers computers) : IRunbookModule
{
    public const string AddMember = "directory.add_member";
    public const string RemoveMember = "directory.remove_member";
    public const string CreateGroup = "directory.create_group";
    public const string DeleteGroup = "directory.delete_group";
    public const string CreateComputer = "directory.create_computer";
    public const string DisableComputer = "directory.disable_computer";
    public const string DeleteComputer = "directory.delete_computer";

    public static readonly IReadOnlyList<string> Keys = [AddMember, RemoveMember, CreateGroup, DeleteGroup, CreateComputer, DisableComputer, DeleteComputer];

    private static readonly AuditActor Actor = AuditActor.System(RunbookExecutor.Kind);

    private static readonly ParameterDefinition[] ComputerTarget =
    [
        new("Dn", ParameterType.String, Description: "The account's DN; or leave it blank and give Name and OuDn."),
        new("Name", ParameterType.String, Description: "The computer name (1–15 letters, digits, hyphens), with OuDn."),
        new("OuDn", ParameterType.String, Description: "The OU the account is in, with Name."),
    ];

    public string Key => key;

    public string Category => "Directory";

    public string Name => key switch
    {
        AddMember => "Add a member to a group",
        RemoveMember => "Remove a member from a group",
        DeleteGroup => "Delete a group",
        CreateComputer => "Create a computer account",
        DisableComputer => "Disable a computer account",
        DeleteComputer => "Delete a computer account",
        _ => "Create a group",
    };

    public string Description => key switch
    {
        AddMember => "Makes the person with Email a direct member of Group (a name, or a DN on LDAP). Already a member counts as success.",
        RemoveMember => "Removes the person with Email from Group. Not a member counts as success.",
        DeleteGroup => "Deletes Group (its DN on LDAP, its name in the local directory). A group that does not exist counts as success; deleted says whether it was there.",
        CreateComputer => "Creates the computer account Name in the OU OuDn (LDAP / Active Directory; disabled unless Disabled is false). An existing account of that name counts as success with created=false.",
        DisableComputer => "Disables the computer account given by Dn, or by Name and OuDn: sets ACCOUNTDISABLE in userAccountControl and keeps every other flag. An already disabled account counts as success.",
        DeleteComputer => "Deletes the computer account given by Dn, or by Name and OuDn. An account that does not exist counts as success; deleted says whether it was there.",
        _ => "Creates the group Name unless it exists; outputs its name or DN as group.",
    };

    public IReadOnlyList<ParameterDefinition> Parameters => key switch
    {
        CreateGroup => [new("Name", ParameterType.String, Required: true), new("Description", ParameterType.String)],
        DeleteGroup => [new("Group", ParameterType.String, Required: true, Description: "The group's DN on LDAP, its name in the local directory.")],
        CreateComputer =>
        [
            new("Name", ParameterType.String, Required: true, Description: "The computer name: 1–15 letters, digits and hyphens."),
            new("OuDn", ParameterType.String, Required: true, Description: "The OU to create it in, like ou=computers,dc=example,dc=com."),
            new("Description", ParameterType.String),
            new("Disabled", ParameterType.Bool, Default: "true", Description: "Create it disabled (Active Directory: userAccountControl 4098, else 4096)."),
        ],
        DisableComputer or DeleteComputer => ComputerTarget,
        _ => [new("Group", ParameterType.String, Required: true), new("Email", ParameterType.String, Required: true)],
    };

    public IReadOnlyList<string>? OutputsFor(IReadOnlyDictionary<string, string> parameters) => key switch
    {
        CreateGroup => ["group"],
        DeleteGroup => ["group", "deleted", "message"],
        CreateComputer => ["dn", "name", "created", "message"],
        DisableComputer => ["dn", "changed", "message"],
        DeleteComputer => ["dn", "deleted", "message"],
        _ => ["changed"],
    };

    public async Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            switch (key)
            {
                case CreateGroup:
                    var created = await groups.CreateGroupAsync(Actor, step.Get("Name")!, step.Get("Description"), cancellationToken);
                    return created.Succeeded ? StepResult.Success(new Dictionary<string, string> { ["group"] = created.Value }) : Refused(created);
                case AddMember:
                    var added = await groups.AddMemberAsync(Actor, step.Get("Group")!, step.Get("Email")!, cancellationToken);
                    return added.Succeeded ? StepResult.Success(new Dictionary<string, string> { ["changed"] = added.Value ? "true" : "false" }) : Refused(added);
                case RemoveMember:
                    var removed = await groups.RemoveMemberAsync(Actor, step.Get("Group")!, step.Get("Email")!, cancellationToken);
                    return removed.Succeeded ? StepResult.Success(new Dictionary<string, string> { ["changed"] = removed.Value ? "true" : "false" }) : Refused(removed);
                case DeleteGroup:
                    return await DeleteGroupAsync(step, cancellationToken);
                case CreateComputer:
                    return await CreateComputerAsync(step, cancellationToken);
                default:
                    return await ChangeComputerAsync(step, cancellationToken);
            }
        }
        catch (DirectoryUnavailableException ex)
        {
            return StepResult.Failure("The directory is unavailable: " + ex.Message);
        }
    }

    private async Task<StepResult> DeleteGroupAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        var group = (step.Get("Group") ?? "").Trim();
        var deleted = await groups.DeleteGroupAsync(Actor, group, cancellationToken);
        if (!deleted.Succeeded)
            return Refused(deleted);
        var message = deleted.Value ? $"Deleted the group {group}." : $"The group {group} does not exist; nothing to delete.";
        step.Log(message);
        return StepResult.Success(new Dictionary<string, string> { ["group"] = group, ["deleted"] = Flag(deleted.Value), ["message"] = message });
    }

    private async Task<StepResult> CreateComputerAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        var name = (step.Get("Name") ?? "").Trim();
        var ou = (step.Get("OuDn") ?? "").Trim();
        if ((ComputerAccount.CheckName(name) ?? ComputerAccount.CheckOu(ou)) is { } invalid)
            return Refused(invalid);
        var disabled = step.Get("Disabled") is not { Length: > 0 } text || !bool.TryParse(text, out var flag) || flag;
        var created = await computers.CreateComputerAsync(Actor, name, ou, step.Get("Description"), disabled, cancellationToken);
        if (!created.Succeeded)
            return Refused(created);
        var message = created.Value.Changed ? $"Created the computer account {created.Value.Dn}." : $"The computer account {name} already exists at {created.Value.Dn}; nothing created.";
        step.Log(message);
        return StepResult.Success(new Dictionary<string, string>
        {
            ["dn"] = created.Value.Dn, ["name"] = name, ["created"] = Flag(created.Value.Changed), ["message"] = message,
        });
    }

    private async Task<StepResult> ChangeComputerAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        var target = ComputerAccount.Target(step.Get("Dn"), step.Get("Name"), step.Get("OuDn"));
        if (!target.Succeeded)
            return Refused(target);
        var dn = target.Value;
        if (key == DisableComputer)
        {
            var disabled = await computers.DisableComputerAsync(Actor, dn, cancellationToken);
            if (!disabled.Succeeded)
                return Refused(disabled);
            var said = disabled.Value.Changed ? $"Disabled the computer account {dn}." : $"The computer account {dn} was already disabled.";
            step.Log(said);
            return StepResult.Success(new Dictionary<string, string> { ["dn"] = dn, ["changed"] = Flag(disabled.Value.Changed), ["message"] = said });
        }

        var deleted = await computers.DeleteComputerAsync(Actor, dn, cancellationToken);
        if (!deleted.Succeeded)
            return Refused(deleted);
        var message = deleted.Value.Changed ? $"Deleted the computer account {dn}." : $"The computer account {dn} does not exist; nothing to delete.";
        step.Log(message);
        return StepResult.Success(new Dictionary<string, string> { ["dn"] = dn, ["deleted"] = Flag(deleted.Value.Changed), ["message"] = message });
    }

    private static string Flag(bool value) => value ? "true" : "false";

    private static StepResult Refused<T>(Result<T> result) => Refused(result.Errors[0]);

    private static StepResult Refused(DomainError error) => StepResult.Failure(error.Message);
}
