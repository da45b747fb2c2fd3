using System.Globalization;
using System.Security.Cryptography;
using IpSolis.Domain;
using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// How an asset type appears in its audit rows: every setting by its API name, with an uploaded icon reduced to its
/// kind, size and hash (the image itself would bloat every row). Updates record only what changed.
/// </summary>
internal static class AssetTypeAudit
{
    public static Dictionary<string, object?> Snapshot(AssetType type) => new(StringComparer.Ordinal)
    {
        ["name"] = type.Name,
        ["description"] = type.Description,
        ["helpText"] = type.HelpText,
        ["category"] = WireName<AssetCategory>.Of(type.Category),
        ["icon"] = Icon(type.Icon),
        ["isActive"] = type.IsActive,
        ["showOnDashboard"] = type.ShowOnDashboard,
        ["attributes"] = type.AttributesJson,
        ["assignmentModel"] = WireName<AssignmentModel>.Of(type.AssignmentModel),
        ["poolCapacity"] = type.PoolCapacity,
        ["sharedAssetId"] = type.SharedAssetId,
        ["personalProvisioningStrategy"] = type.PersonalProvisioningStrategy is { } strategy ? WireName<PersonalProvisioningStrategy>.Of(strategy) : null,
        ["namingPattern"] = type.NamingPattern,
        ["maxPerUser"] = type.MaxPerUser,
        ["defaultDurationDays"] = type.DefaultDurationDays,
        ["maximumLifetimeDays"] = type.MaximumLifetimeDays,
        ["renewable"] = type.Renewable,
        ["reminderDays"] = type.ReminderDays,
        ["automationStrategy"] = WireName<AutomationStrategy>.Of(type.AutomationStrategy),
        ["deprovisionPolicy"] = WireName<DeprovisionPolicy>.Of(type.DeprovisionPolicy),
        ["eligibleGroup"] = type.EligibleGroup,
        ["collectJustification"] = type.CollectJustification,
        ["justificationRequired"] = type.JustificationRequired,
        ["allowRdpUsers"] = type.AllowRdpUsers,
        ["allowAdminUsers"] = type.AllowAdminUsers,
        ["monthlyCost"] = type.MonthlyCost?.ToString("0.00", CultureInfo.InvariantCulture),
        ["currency"] = type.Currency,
        ["costCenter"] = type.CostCenter,
        ["stepVisibility"] = WireName<StepVisibility>.Of(type.StepVisibility),
        ["accessUrl"] = type.AccessUrl,
        ["requiresManagerApproval"] = type.RequiresManagerApproval,
        ["requiresOwnerApproval"] = type.RequiresOwnerApproval,
        ["approvalOwners"] = type.ApprovalOwnersJson,
        ["approvalQuorum"] = type.ApprovalQuorum,
        ["approvalRules"] = type.ApprovalRulesJson,
        ["groupTargets"] = type.GroupTargetsJson,
        ["version"] = type.Version,
    };

    /// <summary>The properties whose values differ between <paramref name="before"/> and <paramref name="after"/>,
    /// as two dictionaries (old values, new values).</summary>
    public static (Dictionary<string, object?> Old, Dictionary<string, object?> New) Changes(Dictionary<string, object?> before, Dictionary<string, object?> after)
    {
        var old = new Dictionary<string, object?>(StringComparer.Ordinal);
        var changed = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in after)
        {
            var previous = before.GetValueOrDefault(key);
            if (Equals(previous, value))
                continue;
            old[key] = previous;
            changed[key] = value;
        }

        return (old, changed);
    }

    public static string Classification(AssetType type) => WireName<Domain.Catalog.Classification>.Of(type.StrictestClassification);

    private static string? Icon(string? icon)
    {
        if (icon is null || !AssetTypeIcons.IsImage(icon))
            return icon;
        var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(icon)))[..16];
        var mediaType = icon[5..icon.IndexOf(';', StringComparison.Ordinal)];
        return $"uploaded {mediaType} ({icon.Length} characters, sha256 {hash})";
    }
}
