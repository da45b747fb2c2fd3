using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary>
/// <c>directory.*</c>: group membership and groups in the directory in use (local or LDAP), through the directory
/// feature's idempotent <see cref="IDirectoryGroups"/>. An unreachable directory fails the attempt (and the step's
/// retry policy tries again). Computer accounts are script modules (seeded: <c>AD - Create/Disable/Delete Computeraccount</c>).
/// </summary>
public sealed class DirectoryModule(string key, IDirectoryGroups groups) : IRunbookModule
{
    public const string AddMember = "directory.add_member";
    public const string RemoveMember = "directory.remove_member";
    public const string CreateGroup = "directory.create_group";

    public static readonly IReadOnlyList<string> Keys = [AddMember, RemoveMember, CreateGroup];

    private static readonly AuditActor Actor = AuditActor.System(RunbookExecutor.Kind);

    public string Key => key;

    public string Category => "Directory";

    public string Name => key switch
    {
        AddMember => "Add a member to a group",
        RemoveMember => "Remove a member from a group",
        _ => "Create a group",
    };

    public string Description => key switch
    {
        AddMember => "Makes the person with Email a direct member of Group (a name, or a DN on LDAP). Already a member counts as success.",
        RemoveMember => "Removes the person with Email from Group. Not a member counts as success.",
        _ => "Creates the group Name unless it exists; outputs its name or DN as group.",
    };

    public IReadOnlyList<ParameterDefinition> Parameters => key switch
    {
        CreateGroup => [new("Name", ParameterType.String, Required: true), new("Description", ParameterType.String)],
        _ => [new("Group", ParameterType.String, Required: true), new("Email", ParameterType.String, Required: true)],
    };

    public IReadOnlyList<string>? OutputsFor(IReadOnlyDictionary<string, string> parameters) => key == CreateGroup ? ["group"] : ["changed"];

    public async Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            switch (key)
            {
                case CreateGroup:
                    var created = await groups.CreateGroupAsync(Actor, step.Get("Name")!, step.Get("Description"), cancellationToken);
                    return created.Succeeded ? StepResult.Success(new Dictionary<string, string> { ["group"] = created.Value }) : StepResult.Failure(created.Errors[0].Message);
                case AddMember:
                    var added = await groups.AddMemberAsync(Actor, step.Get("Group")!, step.Get("Email")!, cancellationToken);
                    return added.Succeeded ? StepResult.Success(new Dictionary<string, string> { ["changed"] = added.Value ? "true" : "false" }) : StepResult.Failure(added.Errors[0].Message);
                default:
                    var removed = await groups.RemoveMemberAsync(Actor, step.Get("Group")!, step.Get("Email")!, cancellationToken);
                    return removed.Succeeded ? StepResult.Success(new Dictionary<string, string> { ["changed"] = removed.Value ? "true" : "false" }) : StepResult.Failure(removed.Errors[0].Message);
            }
        }
        catch (DirectoryUnavailableException ex)
        {
            return StepResult.Failure("The directory is unavailable: " + ex.Message);
        }
    }
}
