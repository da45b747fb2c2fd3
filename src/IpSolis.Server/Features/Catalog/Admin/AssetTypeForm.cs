using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Catalog.Admin;

/// <summary>
/// The asset-type form of the console as it is posted: every value as typed (so a bad number is shown back, not
/// lost), attributes as rows with their options comma-separated. Becomes an <see cref="AssetTypeRequest"/>, the
/// same input the API takes. Flags default to false because an unticked checkbox posts nothing.
/// </summary>
public sealed class AssetTypeForm
{
    /// <summary>The icon select's value for "keep the uploaded image".</summary>
    public const string UploadedIconChoice = "uploaded";

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? HelpText { get; set; }

    public string? Category { get; set; }

    /// <summary>"" (none), a built-in name, or <see cref="UploadedIconChoice"/>.</summary>
    public string? Icon { get; set; }

    /// <summary>An image uploaded with a post that failed for another reason, kept so it need not be chosen again.</summary>
    public string? UploadedIcon { get; set; }

    public bool IsActive { get; set; }

    public bool ShowOnDashboard { get; set; }

    public string? AssignmentModel { get; set; }

    public string? PoolCapacity { get; set; }

    public string? SharedAssetId { get; set; }

    public string? PersonalProvisioningStrategy { get; set; }

    public string? NamingPattern { get; set; }

    public string? MaxPerUser { get; set; }

    public string? DefaultDurationDays { get; set; }

    public string? MaximumLifetimeDays { get; set; }

    public bool Renewable { get; set; }

    public string? ReminderDays { get; set; }

    public string? AutomationStrategy { get; set; }

    public string? DeprovisionPolicy { get; set; }

    public string? EligibleGroup { get; set; }

    public bool CollectJustification { get; set; }

    public bool JustificationRequired { get; set; }

    public bool AllowRdpUsers { get; set; }

    public bool AllowAdminUsers { get; set; }

    public string? MonthlyCost { get; set; }

    public string? Currency { get; set; }

    public string? CostCenter { get; set; }

    public string? StepVisibility { get; set; }

    public string? AccessUrl { get; set; }

    public bool RequiresManagerApproval { get; set; }

    public bool RequiresOwnerApproval { get; set; }

    /// <summary>Application owners, one per line: <c>email</c> or <c>email, Name</c>.</summary>
    public string? ApprovalOwners { get; set; }

    public string? ApprovalQuorum { get; set; }

    /// <summary>Conditional rules as the JSON list the API takes.</summary>
    public string? ApprovalRules { get; set; }

    /// <summary>Group-access targets, one per line: <c>source | group DN | create</c> (source and create optional).</summary>
    public string? GroupTargets { get; set; }

    public string? Version { get; set; }

    /// <summary><c>preview</c> re-renders the help text preview without saving; anything else saves.</summary>
    public string? Intent { get; set; }

    public List<AttributeFormRow> Attributes { get; set; } = [];

    /// <summary>What a new type starts with.</summary>
    public static AssetTypeForm Blank() => From(new AssetTypeDefinition
    {
        IsActive = true,
        PersonalProvisioningStrategy = Domain.Catalog.PersonalProvisioningStrategy.AssignExistingFree,
    }, null);

    /// <summary>The form filled with <paramref name="definition"/> (and the version it was read at).</summary>
    public static AssetTypeForm From(AssetTypeDefinition definition, int? version)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new AssetTypeForm
        {
            Name = definition.Name,
            Description = definition.Description,
            HelpText = definition.HelpText,
            Category = WireName<AssetCategory>.Of(definition.Category),
            Icon = AssetTypeIcons.IsImage(definition.Icon) ? UploadedIconChoice : definition.Icon ?? string.Empty,
            IsActive = definition.IsActive,
            ShowOnDashboard = definition.ShowOnDashboard,
            AssignmentModel = WireName<AssignmentModel>.Of(definition.AssignmentModel),
            PoolCapacity = Text(definition.PoolCapacity),
            SharedAssetId = definition.SharedAssetId?.ToString(CultureInfo.InvariantCulture),
            PersonalProvisioningStrategy = definition.PersonalProvisioningStrategy is { } strategy ? WireName<PersonalProvisioningStrategy>.Of(strategy) : string.Empty,
            NamingPattern = definition.NamingPattern,
            MaxPerUser = Text(definition.MaxPerUser),
            DefaultDurationDays = Text(definition.DefaultDurationDays),
            MaximumLifetimeDays = Text(definition.MaximumLifetimeDays),
            Renewable = definition.Renewable,
            ReminderDays = Text(definition.ReminderDays),
            AutomationStrategy = WireName<AutomationStrategy>.Of(definition.AutomationStrategy),
            DeprovisionPolicy = WireName<DeprovisionPolicy>.Of(definition.DeprovisionPolicy),
            EligibleGroup = definition.EligibleGroup,
            CollectJustification = definition.CollectJustification,
            JustificationRequired = definition.JustificationRequired,
            AllowRdpUsers = definition.AllowRdpUsers,
            AllowAdminUsers = definition.AllowAdminUsers,
            MonthlyCost = definition.MonthlyCost?.ToString("0.00", CultureInfo.InvariantCulture),
            Currency = definition.Currency,
            CostCenter = definition.CostCenter,
            StepVisibility = WireName<StepVisibility>.Of(definition.StepVisibility),
            AccessUrl = definition.AccessUrl,
            RequiresManagerApproval = definition.Approval.RequiresManager,
            RequiresOwnerApproval = definition.Approval.RequiresOwners,
            ApprovalOwners = string.Join("\n", definition.Approval.Owners.Select(o => o.Name.Length > 0 && o.Name != o.Email ? $"{o.Email}, {o.Name}" : o.Email)),
            ApprovalQuorum = Text(definition.Approval.Quorum),
            ApprovalRules = definition.Approval.Rules.Count == 0
                ? string.Empty
                : System.Text.Json.Nodes.JsonNode.Parse(Approvals.ApprovalJson.WriteRules(definition.Approval.Rules))!
                    .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }),
            GroupTargets = string.Join("\n", definition.GroupTargets.Select(t =>
                $"{WireName<Domain.AccessTargets.PrincipalSource>.Of(t.PrincipalSource)} | {t.GroupDn}" + (t.CreateIfMissing ? " | create" : ""))),
            Version = Text(version),
            Attributes = definition.Attributes.Select(AttributeFormRow.From).ToList(),
        };
    }

    /// <summary>
    /// The request this form describes, the values that are not numbers where numbers belong, and for each
    /// attribute of the request the form row it came from (removed and blank rows are left out, so the indexes the
    /// rules report differ from the rows on the page).
    /// </summary>
    public (AssetTypeRequest Request, List<DomainError> Errors, List<int> RowOfAttribute) ToRequest(string? icon)
    {
        var errors = new List<DomainError>();
        var rows = new List<int>();
        var attributes = new List<AttributeRequest?>();
        for (var row = 0; row < Attributes.Count; row++)
        {
            var attribute = Attributes[row];
            if (attribute is null || attribute.Remove || attribute.IsBlank)
                continue;
            var at = $"attributes[{attributes.Count}]";
            rows.Add(row);
            attributes.Add(attribute.ToRequest(at, errors));
        }

        var request = new AssetTypeRequest
        {
            Name = Name,
            Description = Description,
            HelpText = HelpText,
            Category = Category,
            Icon = icon,
            IsActive = IsActive,
            ShowOnDashboard = ShowOnDashboard,
            Attributes = attributes,
            AssignmentModel = AssignmentModel,
            PoolCapacity = Int(PoolCapacity, "poolCapacity", errors),
            SharedAssetId = Long(SharedAssetId, "sharedAssetId", errors),
            PersonalProvisioningStrategy = PersonalProvisioningStrategy,
            NamingPattern = NamingPattern,
            MaxPerUser = Int(MaxPerUser, "maxPerUser", errors) ?? (string.IsNullOrWhiteSpace(MaxPerUser) ? 0 : null),
            DefaultDurationDays = Int(DefaultDurationDays, "defaultDurationDays", errors),
            MaximumLifetimeDays = Int(MaximumLifetimeDays, "maximumLifetimeDays", errors),
            Renewable = Renewable,
            ReminderDays = Int(ReminderDays, "reminderDays", errors),
            AutomationStrategy = AutomationStrategy,
            DeprovisionPolicy = DeprovisionPolicy,
            EligibleGroup = EligibleGroup,
            CollectJustification = CollectJustification,
            JustificationRequired = JustificationRequired,
            AllowRdpUsers = AllowRdpUsers,
            AllowAdminUsers = AllowAdminUsers,
            MonthlyCost = Money(MonthlyCost, "monthlyCost", errors),
            Currency = Currency,
            CostCenter = CostCenter,
            StepVisibility = StepVisibility,
            AccessUrl = AccessUrl,
            RequiresManagerApproval = RequiresManagerApproval,
            RequiresOwnerApproval = RequiresOwnerApproval,
            ApprovalOwners = Owners(),
            ApprovalQuorum = Int(ApprovalQuorum, "approvalQuorum", errors),
            ApprovalRules = Rules(errors),
            GroupTargets = Targets(errors),
            Version = Int(Version, "version", errors),
        };
        return (request, errors, rows);
    }

    private List<Approvals.ApproverEntry?> Owners() =>
        (ApprovalOwners ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(',', 2, StringSplitOptions.TrimEntries))
            .Select(parts => (Approvals.ApproverEntry?)new Approvals.ApproverEntry(parts[0], parts.Length > 1 ? parts[1] : null))
            .ToList();

    private List<GroupTargetEntry?> Targets(List<DomainError> errors)
    {
        var targets = new List<GroupTargetEntry?>();
        var lines = (GroupTargets ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            // A DN holds commas but never an unescaped '|': the bar separates the parts.
            var parts = lines[i].Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length == 1)
            {
                targets.Add(new GroupTargetEntry(parts[0], null, false));
                continue;
            }

            var create = parts.Length > 2 && parts[2].Length > 0;
            if (parts.Length > 3 || (create && !string.Equals(parts[2], "create", StringComparison.OrdinalIgnoreCase)))
                errors.Add(new DomainError("group_target.line_invalid", $"Line {i + 1} reads 'source | group DN | create'; the third part can only be 'create'.", $"groupTargets[{i}]"));
            targets.Add(new GroupTargetEntry(parts[1], parts[0], create));
        }

        return targets;
    }

    private System.Text.Json.JsonElement? Rules(List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(ApprovalRules))
            return null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(ApprovalRules);
            return document.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException ex)
        {
            errors.Add(new DomainError("approval_rule.not_json", $"The rules are not valid JSON: {ex.Message}", "approvalRules"));
            return null;
        }
    }

    internal static int? Int(string? text, string field, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        errors.Add(new DomainError("asset_type.not_a_number", $"'{text.Trim()}' is not a whole number.", field));
        return null;
    }

    internal static long? Long(string? text, string field, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        errors.Add(new DomainError("asset_type.not_a_number", $"'{text.Trim()}' is not a whole number.", field));
        return null;
    }

    private static decimal? Money(string? text, string field, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var trimmed = text.Trim();

        // "12,50" as many of our operators write it: a lone comma is the decimal separator.
        if (!trimmed.Contains('.', StringComparison.Ordinal) && trimmed.Count(c => c == ',') == 1)
            trimmed = trimmed.Replace(',', '.');
        if (decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return value;
        errors.Add(new DomainError("asset_type.not_a_number", $"'{text.Trim()}' is not an amount (like 12.50).", field));
        return null;
    }

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
