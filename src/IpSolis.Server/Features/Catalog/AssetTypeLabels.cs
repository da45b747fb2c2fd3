using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Catalog;

/// <summary>How the console names the catalog's enumerations for people (the API uses the wire names).</summary>
public static class AssetTypeLabels
{
    public static string Of(AssetCategory category) => category switch
    {
        AssetCategory.ApplicationAccess => "Application access",
        AssetCategory.PlatformAccess => "Platform access",
        AssetCategory.DataAccess => "Data access",
        AssetCategory.DeviceAccess => "Device access",
        AssetCategory.InfrastructureAccess => "Infrastructure access",
        _ => category.ToString(),
    };

    public static string Of(AssignmentModel model) => model switch
    {
        AssignmentModel.CapacityPooled => "capacity_pooled — a number of seats, no instances (group access, RDS, SaaS)",
        AssignmentModel.AssignedPersonal => "assigned_personal — one pool asset per order",
        AssignmentModel.DedicatedShared => "dedicated_shared — every order uses one shared asset",
        _ => model.ToString(),
    };

    public static string Of(PersonalProvisioningStrategy strategy) => strategy switch
    {
        PersonalProvisioningStrategy.AssignExistingFree => "assign_existing_free — reserve a free pool asset",
        PersonalProvisioningStrategy.CreateNew => "create_new — a runbook creates a new asset",
        _ => strategy.ToString(),
    };

    public static string Of(AutomationStrategy strategy) => strategy switch
    {
        AutomationStrategy.GroupOnly => "group_only — directory group targets only",
        AutomationStrategy.RunbookOnly => "runbook_only — the type's runbook",
        AutomationStrategy.Composite => "composite — groups and runbook",
        _ => strategy.ToString(),
    };

    public static string Of(DeprovisionPolicy policy) => policy switch
    {
        DeprovisionPolicy.AccessOnly => "access_only — revoke access, free the asset",
        DeprovisionPolicy.ReturnToPool => "return_to_pool — release the personal asset",
        DeprovisionPolicy.ReturnToPoolReinstall => "return_to_pool_reinstall — release for a rebuild",
        DeprovisionPolicy.CustomRunbook => "custom_runbook — the deprovision runbook does it",
        _ => policy.ToString(),
    };

    public static string Of(StepVisibility visibility) => visibility switch
    {
        StepVisibility.Off => "off — requesters see no steps",
        StepVisibility.Detailed => "detailed — step names, status and timing",
        StepVisibility.Debug => "debug — also each step's output and error",
        _ => visibility.ToString(),
    };

    public static string Of(Classification classification) => classification switch
    {
        Classification.Internal => "internal",
        Classification.Pii => "PII",
        Classification.Phi => "PHI",
        Classification.Pci => "PCI",
        _ => classification.ToString(),
    };
}
