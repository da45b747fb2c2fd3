using IpSolis.Domain;
using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Catalog;

/// <summary>An asset type as <c>/api/v1/asset-types</c> shows it: camelCase names, snake_case enumeration values.</summary>
public sealed record AssetTypeView
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string HelpText { get; init; }

    public required string Category { get; init; }

    public string? Icon { get; init; }

    public required bool IsActive { get; init; }

    public required bool ShowOnDashboard { get; init; }

    public required IReadOnlyList<AttributeView> Attributes { get; init; }

    public required string AssignmentModel { get; init; }

    public int? PoolCapacity { get; init; }

    public long? SharedAssetId { get; init; }

    public string? PersonalProvisioningStrategy { get; init; }

    public string? NamingPattern { get; init; }

    public required int MaxPerUser { get; init; }

    public int? DefaultDurationDays { get; init; }

    public int? MaximumLifetimeDays { get; init; }

    public required bool Renewable { get; init; }

    public int? ReminderDays { get; init; }

    public required string AutomationStrategy { get; init; }

    public required string DeprovisionPolicy { get; init; }

    public string? EligibleGroup { get; init; }

    public required bool CollectJustification { get; init; }

    public required bool JustificationRequired { get; init; }

    public required bool AllowRdpUsers { get; init; }

    public required bool AllowAdminUsers { get; init; }

    public decimal? MonthlyCost { get; init; }

    public string? Currency { get; init; }

    public string? CostCenter { get; init; }

    public required string StepVisibility { get; init; }

    public string? AccessUrl { get; init; }

    public required bool RequiresManagerApproval { get; init; }

    public required bool RequiresOwnerApproval { get; init; }

    public required IReadOnlyList<Approvals.ApproverEntry> ApprovalOwners { get; init; }

    public int? ApprovalQuorum { get; init; }

    /// <summary>Conditional approval rules in the same shape the request takes.</summary>
    public required System.Text.Json.Nodes.JsonNode ApprovalRules { get; init; }

    /// <summary>Directory groups its orders grant, in the shape the request takes.</summary>
    public required IReadOnlyList<GroupTargetEntry> GroupTargets { get; init; }

    /// <summary>The strictest classification of the attributes; it tags the audit rows of the type's orders.</summary>
    public required string Classification { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Send it back with an update: a stale one is refused (409) instead of overwriting someone's change.</summary>
    public required int Version { get; init; }

    public static AssetTypeView From(AssetType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new AssetTypeView
        {
            Id = type.Id,
            Name = type.Name,
            Description = type.Description,
            HelpText = type.HelpText,
            Category = WireName<AssetCategory>.Of(type.Category),
            Icon = type.Icon,
            IsActive = type.IsActive,
            ShowOnDashboard = type.ShowOnDashboard,
            Attributes = type.Attributes.Select(AttributeView.From).ToList(),
            AssignmentModel = WireName<AssignmentModel>.Of(type.AssignmentModel),
            PoolCapacity = type.PoolCapacity,
            SharedAssetId = type.SharedAssetId,
            PersonalProvisioningStrategy = type.PersonalProvisioningStrategy is { } strategy ? WireName<PersonalProvisioningStrategy>.Of(strategy) : null,
            NamingPattern = type.NamingPattern,
            MaxPerUser = type.MaxPerUser,
            DefaultDurationDays = type.DefaultDurationDays,
            MaximumLifetimeDays = type.MaximumLifetimeDays,
            Renewable = type.Renewable,
            ReminderDays = type.ReminderDays,
            AutomationStrategy = WireName<AutomationStrategy>.Of(type.AutomationStrategy),
            DeprovisionPolicy = WireName<DeprovisionPolicy>.Of(type.DeprovisionPolicy),
            EligibleGroup = type.EligibleGroup,
            CollectJustification = type.CollectJustification,
            JustificationRequired = type.JustificationRequired,
            AllowRdpUsers = type.AllowRdpUsers,
            AllowAdminUsers = type.AllowAdminUsers,
            MonthlyCost = type.MonthlyCost,
            Currency = type.Currency,
            CostCenter = type.CostCenter,
            StepVisibility = WireName<StepVisibility>.Of(type.StepVisibility),
            AccessUrl = type.AccessUrl,
            RequiresManagerApproval = type.RequiresManagerApproval,
            RequiresOwnerApproval = type.RequiresOwnerApproval,
            ApprovalOwners = Approvals.ApprovalJson.ReadApprovers(type.ApprovalOwnersJson).Select(a => new Approvals.ApproverEntry(a.Email, a.Name)).ToList(),
            ApprovalQuorum = type.ApprovalQuorum,
            ApprovalRules = System.Text.Json.Nodes.JsonNode.Parse(type.ApprovalRulesJson) ?? new System.Text.Json.Nodes.JsonArray(),
            GroupTargets = type.GroupTargets.Select(GroupTargetEntry.From).ToList(),
            Classification = WireName<Classification>.Of(type.StrictestClassification),
            CreatedAt = type.CreatedAt,
            UpdatedAt = type.UpdatedAt,
            Version = type.Version,
        };
    }
}
