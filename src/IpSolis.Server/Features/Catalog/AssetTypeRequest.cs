using IpSolis.Domain;
using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// The body of <c>POST /api/v1/asset-types</c> and <c>PUT /api/v1/asset-types/{id}</c> (a full replacement: what
/// is left out takes its default). Enumerations are their snake_case wire names; the admin form builds the same
/// request, so both paths read and check input identically.
/// </summary>
public sealed record AssetTypeRequest
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? HelpText { get; init; }

    public string? Category { get; init; }

    public string? Icon { get; init; }

    public bool? IsActive { get; init; }

    public bool? ShowOnDashboard { get; init; }

    public IReadOnlyList<AttributeRequest?>? Attributes { get; init; }

    public string? AssignmentModel { get; init; }

    public int? PoolCapacity { get; init; }

    public long? SharedAssetId { get; init; }

    public string? PersonalProvisioningStrategy { get; init; }

    public string? NamingPattern { get; init; }

    public int? MaxPerUser { get; init; }

    public int? DefaultDurationDays { get; init; }

    public int? MaximumLifetimeDays { get; init; }

    public bool? Renewable { get; init; }

    public int? ReminderDays { get; init; }

    public string? AutomationStrategy { get; init; }

    public string? DeprovisionPolicy { get; init; }

    public string? EligibleGroup { get; init; }

    public bool? CollectJustification { get; init; }

    public bool? JustificationRequired { get; init; }

    public bool? AllowRdpUsers { get; init; }

    public bool? AllowAdminUsers { get; init; }

    public decimal? MonthlyCost { get; init; }

    public string? Currency { get; init; }

    public string? CostCenter { get; init; }

    public string? StepVisibility { get; init; }

    public string? AccessUrl { get; init; }

    public bool? RequiresManagerApproval { get; init; }

    public bool? RequiresOwnerApproval { get; init; }

    /// <summary>Application owners: <c>[{"email","name"}]</c>.</summary>
    public IReadOnlyList<Approvals.ApproverEntry?>? ApprovalOwners { get; init; }

    /// <summary>Approvals the general bucket needs; null or 0 means everyone asked.</summary>
    public int? ApprovalQuorum { get; init; }

    /// <summary>Conditional rules: <c>[{"name","condition","approvers","quorum","sodExempt"}]</c> (see <see cref="Approvals.ApprovalJson"/>).</summary>
    public System.Text.Json.JsonElement? ApprovalRules { get; init; }

    /// <summary>Directory groups its orders grant: <c>[{"groupDn","principalSource","createIfMissing"}]</c>.</summary>
    public IReadOnlyList<GroupTargetEntry?>? GroupTargets { get; init; }

    /// <summary>Required on update: the version the change was based on.</summary>
    public int? Version { get; init; }

    /// <summary>
    /// The definition this request describes, and the names it used that mean nothing (an unknown category, an
    /// attribute type that does not exist), each naming its field. Unreadable values fall back to their defaults so
    /// the rules can still check everything else.
    /// </summary>
    public (AssetTypeDefinition Definition, IReadOnlyList<DomainError> Errors) ToDefinition()
    {
        var errors = new List<DomainError>();
        var defaults = new AssetTypeDefinition();
        var attributes = new List<AttributeDefinition>();
        for (var i = 0; i < (Attributes?.Count ?? 0); i++)
        {
            var attribute = Attributes![i];
            var at = $"attributes[{i}]";
            if (attribute is null)
            {
                errors.Add(new DomainError("attribute_schema.missing", "The attribute is empty.", at));
                continue;
            }

            // Schemas written before types existed have none: with options it was a choice, otherwise text.
            var untyped = attribute.Options is { Count: > 0 } ? AttributeType.Enum : AttributeType.String;
            var type = Parse(attribute.Type, untyped, $"{at}.type", "attribute_schema.type", errors, upperCase: true);
            attributes.Add(new AttributeDefinition(attribute.Key ?? string.Empty, attribute.Label ?? string.Empty, type)
            {
                Required = attribute.Required ?? false,
                DefaultValue = attribute.DefaultValue,
                Options = attribute.Options?.Select(o => o ?? string.Empty).ToList() ?? [],
                Validation = attribute.Validation is { } rules
                    ? new AttributeValidation(rules.Min, rules.Max, rules.MinLength, rules.MaxLength, rules.Pattern) { PatternMessage = rules.PatternMessage }
                    : null,
                VisibleWhen = attribute.VisibleWhen is { } when ? new AttributeCondition(when.Field ?? string.Empty, when.Value ?? string.Empty) : null,
                Classification = Parse(attribute.Classification, Classification.Internal, $"{at}.classification", "attribute_schema.classification", errors),
                HelpText = attribute.HelpText,
            });
        }

        PersonalProvisioningStrategy? strategy = string.IsNullOrWhiteSpace(PersonalProvisioningStrategy)
            ? null
            : Parse(PersonalProvisioningStrategy, Domain.Catalog.PersonalProvisioningStrategy.AssignExistingFree, "personalProvisioningStrategy",
                "asset_type.personal_provisioning_strategy", errors);

        var definition = new AssetTypeDefinition
        {
            Name = Name ?? string.Empty,
            Description = Description ?? string.Empty,
            HelpText = HelpText ?? string.Empty,
            Category = Parse(Category, defaults.Category, "category", "asset_type.category", errors),
            Icon = Icon,
            IsActive = IsActive ?? defaults.IsActive,
            ShowOnDashboard = ShowOnDashboard ?? false,
            Attributes = attributes,
            AssignmentModel = Parse(AssignmentModel, defaults.AssignmentModel, "assignmentModel", "asset_type.assignment_model", errors),
            PoolCapacity = PoolCapacity,
            SharedAssetId = SharedAssetId,
            PersonalProvisioningStrategy = strategy,
            NamingPattern = NamingPattern,
            MaxPerUser = MaxPerUser ?? defaults.MaxPerUser,
            DefaultDurationDays = DefaultDurationDays,
            MaximumLifetimeDays = MaximumLifetimeDays,
            Renewable = Renewable ?? defaults.Renewable,
            ReminderDays = ReminderDays,
            AutomationStrategy = Parse(AutomationStrategy, defaults.AutomationStrategy, "automationStrategy", "asset_type.automation_strategy", errors),
            DeprovisionPolicy = Parse(DeprovisionPolicy, defaults.DeprovisionPolicy, "deprovisionPolicy", "asset_type.deprovision_policy", errors),
            EligibleGroup = EligibleGroup,
            CollectJustification = CollectJustification ?? false,
            JustificationRequired = JustificationRequired ?? false,
            AllowRdpUsers = AllowRdpUsers ?? false,
            AllowAdminUsers = AllowAdminUsers ?? false,
            MonthlyCost = MonthlyCost,
            Currency = Currency,
            CostCenter = CostCenter,
            StepVisibility = Parse(StepVisibility, defaults.StepVisibility, "stepVisibility", "asset_type.step_visibility", errors),
            AccessUrl = AccessUrl,
            Approval = ReadApproval(errors),
            GroupTargets = ReadGroupTargets(errors),
        };
        return (definition, errors);
    }

    private List<Domain.AccessTargets.GroupTarget> ReadGroupTargets(List<DomainError> errors)
    {
        var targets = new List<Domain.AccessTargets.GroupTarget>();
        for (var i = 0; i < (GroupTargets?.Count ?? 0); i++)
        {
            var entry = GroupTargets![i];
            var at = $"groupTargets[{i}]";
            if (entry is null)
            {
                errors.Add(new DomainError("group_target.missing", "The group target is empty.", at));
                continue;
            }

            var source = string.IsNullOrWhiteSpace(entry.PrincipalSource)
                ? Domain.AccessTargets.PrincipalSource.Requester
                : Parse(entry.PrincipalSource, Domain.AccessTargets.PrincipalSource.Requester, $"{at}.principalSource", "group_target.principal_source", errors);
            targets.Add(new Domain.AccessTargets.GroupTarget(entry.GroupDn ?? string.Empty, source, entry.CreateIfMissing ?? false));
        }

        return targets;
    }

    private Domain.Approvals.ApprovalSetup ReadApproval(List<DomainError> errors)
    {
        var rules = new List<Domain.Approvals.ApprovalRule>();
        if (ApprovalRules is { ValueKind: System.Text.Json.JsonValueKind.Array } array)
        {
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                if (Approvals.ApprovalJson.ReadRule(element, $"approvalRules[{index}]", errors) is { } rule)
                    rules.Add(rule);
                index++;
            }
        }
        else if (ApprovalRules is { ValueKind: not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined) })
        {
            errors.Add(new DomainError("approval_rule.not_a_list", "Approval rules are a list of rules.", "approvalRules"));
        }

        return new Domain.Approvals.ApprovalSetup
        {
            RequiresManager = RequiresManagerApproval ?? false,
            RequiresOwners = RequiresOwnerApproval ?? false,
            Owners = (ApprovalOwners ?? []).Select(o => new Domain.Approvals.Approver(o?.Email?.Trim() ?? "", string.IsNullOrWhiteSpace(o?.Name) ? o?.Email?.Trim() ?? "" : o.Name.Trim())).ToList(),
            Quorum = ApprovalQuorum,
            Rules = rules,
        };
    }

    private static TEnum Parse<TEnum>(string? text, TEnum fallback, string field, string code, List<DomainError> errors, bool upperCase = false)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback;

        if (WireName<TEnum>.TryParse(text, out var value))
            return value;
        errors.Add(new DomainError(code, $"'{text}' is not one of: {Names<TEnum>(upperCase)}.", field));
        return fallback;
    }

    private static string Names<TEnum>(bool upperCase) where TEnum : struct, Enum =>
        string.Join(", ", WireName<TEnum>.All.Select(n => upperCase ? n.ToUpperInvariant() : n));
}
