using IpSolis.Domain.Catalog;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// Something employees can order: a VDI pool, access to an application, a laptop, a jump host. Never deleted once
/// orders point at it (it is deactivated instead), so history stays whole.
/// </summary>
public sealed class AssetType
{
    public long Id { get; set; }

    private string _name = string.Empty;

    /// <summary>Unique (case-insensitive), 1–100 characters; the natural key integrations use.</summary>
    public required string Name
    {
        get => _name;
        set
        {
            _name = value;
            NormalizedName = value.Trim().ToLowerInvariant();
        }
    }

    /// <summary>The lower-cased name the unique index is on, so "VDI" and "vdi" cannot both exist.</summary>
    public string NormalizedName { get; private set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>Markdown written by operators; rendered with raw HTML disabled and links sanitized.</summary>
    public string HelpText { get; set; } = string.Empty;

    public AssetCategory Category { get; set; } = AssetCategory.PlatformAccess;

    /// <summary>A built-in icon name, or a data URL of an uploaded image (PNG, SVG, WebP; size-checked).</summary>
    public string? Icon { get; set; }

    /// <summary>Inactive types are hidden from the catalog and refuse new orders; their orders live on.</summary>
    public bool IsActive { get; set; } = true;

    public bool ShowOnDashboard { get; set; }

    /// <summary>The attribute schema as JSON; use <see cref="Attributes"/>.</summary>
    public string AttributesJson { get; set; } = "[]";

    public AssignmentModel AssignmentModel { get; set; } = AssignmentModel.AssignedPersonal;

    /// <summary>Seats of a <see cref="AssignmentModel.CapacityPooled"/> type; null means unlimited.</summary>
    public int? PoolCapacity { get; set; }

    /// <summary>The one pool asset every order of a <see cref="AssignmentModel.DedicatedShared"/> type points at.</summary>
    public long? SharedAssetId { get; set; }

    public PersonalProvisioningStrategy? PersonalProvisioningStrategy { get; set; }

    /// <summary>Name of assets created for orders (<c>VDI-{sam}</c>); passed to runbooks.</summary>
    public string? NamingPattern { get; set; }

    /// <summary>Live orders one person may hold of this type; 0 means no limit.</summary>
    public int MaxPerUser { get; set; } = 1;

    /// <summary>Duration the order form proposes.</summary>
    public int? DefaultDurationDays { get; set; }

    /// <summary>Longest an order may last from its start, extensions included; null means no limit.</summary>
    public int? MaximumLifetimeDays { get; set; }

    /// <summary>Whether holders may extend their orders.</summary>
    public bool Renewable { get; set; } = true;

    /// <summary>Days before expiry the holder is reminded; null means no reminder.</summary>
    public int? ReminderDays { get; set; }

    public AutomationStrategy AutomationStrategy { get; set; } = AutomationStrategy.RunbookOnly;

    public DeprovisionPolicy DeprovisionPolicy { get; set; } = DeprovisionPolicy.AccessOnly;

    /// <summary>Directory group whose (transitive) members may order this type; null means everyone.</summary>
    public string? EligibleGroup { get; set; }

    public bool CollectJustification { get; set; }

    /// <summary>Only meaningful with <see cref="CollectJustification"/>.</summary>
    public bool JustificationRequired { get; set; }

    /// <summary>Whether the order form asks for RDP users.</summary>
    public bool AllowRdpUsers { get; set; }

    /// <summary>Whether the order form asks for local admin users.</summary>
    public bool AllowAdminUsers { get; set; }

    /// <summary>Null means cost is not tracked for this type.</summary>
    public decimal? MonthlyCost { get; set; }

    /// <summary>ISO 4217 code, upper case.</summary>
    public string? Currency { get; set; }

    public string? CostCenter { get; set; }

    public StepVisibility StepVisibility { get; set; } = StepVisibility.Off;

    /// <summary>Where the requester is sent for pooled/shared access (RDS gateway), shown after provisioning.</summary>
    public string? AccessUrl { get; set; }

    /// <summary>The manager of the person the asset is for approves each order.</summary>
    public bool RequiresManagerApproval { get; set; }

    /// <summary>The application owners (<see cref="ApprovalOwnersJson"/>) approve each order.</summary>
    public bool RequiresOwnerApproval { get; set; }

    /// <summary>Application owners as JSON <c>[{"email","name"}]</c>; use <see cref="Approval"/>.</summary>
    public string ApprovalOwnersJson { get; set; } = "[]";

    /// <summary>Approvals the general bucket needs; null or 0 means everyone asked.</summary>
    public int? ApprovalQuorum { get; set; }

    /// <summary>Conditional approval rules as JSON (see <see cref="Approvals.ApprovalJson"/>); use <see cref="Approval"/>.</summary>
    public string ApprovalRulesJson { get; set; } = "[]";

    /// <summary>Directory groups its orders grant, as JSON <c>[{"groupDn","principalSource","createIfMissing"}]</c>; use <see cref="GroupTargets"/>.</summary>
    public string GroupTargetsJson { get; set; } = "[]";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bumped on every save, so two operators editing the same type cannot overwrite each other silently.</summary>
    public int Version { get; set; }

    public IReadOnlyList<AttributeDefinition> Attributes
    {
        get => JsonColumn.Read<List<AttributeDefinition>>(AttributesJson, []);
        set => AttributesJson = JsonColumn.Write(value);
    }

    /// <summary>Directory groups the type's orders grant (the access-targets feature applies them).</summary>
    public IReadOnlyList<Domain.AccessTargets.GroupTarget> GroupTargets
    {
        get => JsonColumn.Read<List<Domain.AccessTargets.GroupTarget>>(GroupTargetsJson, []);
        set => GroupTargetsJson = JsonColumn.Write(value);
    }

    /// <summary>Who approves the type's orders, as routing reads it.</summary>
    public Domain.Approvals.ApprovalSetup Approval
    {
        get => new()
        {
            RequiresManager = RequiresManagerApproval,
            RequiresOwners = RequiresOwnerApproval,
            Owners = Approvals.ApprovalJson.ReadApprovers(ApprovalOwnersJson),
            Quorum = ApprovalQuorum,
            Rules = Approvals.ApprovalJson.ReadRules(ApprovalRulesJson),
        };
        set
        {
            RequiresManagerApproval = value.RequiresManager;
            RequiresOwnerApproval = value.RequiresOwners;
            ApprovalOwnersJson = Approvals.ApprovalJson.WriteApprovers(value.Owners);
            ApprovalQuorum = value.Quorum is > 0 ? value.Quorum : null;
            ApprovalRulesJson = Approvals.ApprovalJson.WriteRules(value.Rules);
        }
    }

    /// <summary>The strictest classification of the type's attributes: it tags every audit row about its orders.</summary>
    public Classification StrictestClassification =>
        Attributes.Select(a => a.Classification).DefaultIfEmpty(Classification.Internal).Max();
}
