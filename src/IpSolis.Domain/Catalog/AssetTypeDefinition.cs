namespace IpSolis.Domain.Catalog;

/// <summary>
/// Everything an operator sets on an asset type, as <see cref="AssetTypeRules"/> checks it: the API body and the
/// admin form both become one of these before anything is saved. Null numbers mean "not set" (no limit, no
/// reminder, unlimited capacity, cost not tracked).
/// </summary>
public sealed record AssetTypeDefinition
{
    public string Name { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    /// <summary>Markdown; rendered with raw HTML disabled and links sanitized.</summary>
    public string HelpText { get; init; } = string.Empty;

    public AssetCategory Category { get; init; } = AssetCategory.PlatformAccess;

    /// <summary>A built-in icon name or an image data URL; its content is checked where images can be parsed.</summary>
    public string? Icon { get; init; }

    public bool IsActive { get; init; } = true;

    public bool ShowOnDashboard { get; init; }

    public IReadOnlyList<AttributeDefinition> Attributes { get; init; } = [];

    public AssignmentModel AssignmentModel { get; init; } = AssignmentModel.AssignedPersonal;

    public int? PoolCapacity { get; init; }

    public long? SharedAssetId { get; init; }

    public PersonalProvisioningStrategy? PersonalProvisioningStrategy { get; init; }

    public string? NamingPattern { get; init; }

    public int MaxPerUser { get; init; } = 1;

    public int? DefaultDurationDays { get; init; }

    public int? MaximumLifetimeDays { get; init; }

    public bool Renewable { get; init; } = true;

    public int? ReminderDays { get; init; }

    public AutomationStrategy AutomationStrategy { get; init; } = AutomationStrategy.RunbookOnly;

    public DeprovisionPolicy DeprovisionPolicy { get; init; } = DeprovisionPolicy.AccessOnly;

    public string? EligibleGroup { get; init; }

    public bool CollectJustification { get; init; }

    public bool JustificationRequired { get; init; }

    public bool AllowRdpUsers { get; init; }

    public bool AllowAdminUsers { get; init; }

    public decimal? MonthlyCost { get; init; }

    public string? Currency { get; init; }

    public string? CostCenter { get; init; }

    public StepVisibility StepVisibility { get; init; } = StepVisibility.Off;

    public string? AccessUrl { get; init; }

    /// <summary>Who approves its orders: manager, owners, quorum and conditional rules (checked by
    /// <see cref="Approvals.ApprovalSetups.Validate"/>).</summary>
    public Approvals.ApprovalSetup Approval { get; init; } = new();

    /// <summary>Directory groups its orders grant (checked by <see cref="AccessTargets.GroupTargetRules.Check"/>).</summary>
    public IReadOnlyList<AccessTargets.GroupTarget> GroupTargets { get; init; } = [];

    /// <summary>The strictest classification of the attributes: it tags every audit row about the type and its orders.</summary>
    public Classification StrictestClassification =>
        Attributes.Select(a => a.Classification).DefaultIfEmpty(Classification.Internal).Max();
}
