using System.Text.RegularExpressions;

namespace IpSolis.Domain.Catalog;

/// <summary>
/// Checks a whole asset-type definition before it is saved: field sizes and formats, the attribute schema
/// (<see cref="AttributeSchema"/>), the lifecycle limits, and the combinations of assignment model, provisioning
/// strategy, automation strategy and deprovision policy that can actually run. Every problem is reported at once,
/// each naming its field (camelCase, as the API and the form name it).
/// </summary>
public static partial class AssetTypeRules
{
    public const int MaximumNameLength = 100;
    public const int MaximumDescriptionLength = 2000;
    public const int MaximumHelpTextLength = 20_000;
    public const int MaximumNamingPatternLength = 100;
    public const int MaximumEligibleGroupLength = 500;
    public const int MaximumCostCenterLength = 100;
    public const int MaximumAccessUrlLength = 500;

    /// <summary>Ten years: the longest duration, lifetime or reminder window a type may set.</summary>
    public const int MaximumDays = 3650;

    public const int MaximumPerUser = 1000;
    public const int MaximumPoolCapacity = 1_000_000;

    /// <summary>What numeric(12,2) holds.</summary>
    public const decimal MaximumMonthlyCost = 9_999_999_999.99m;

    /// <summary>The tokens a naming pattern may use (see the orders' asset naming).</summary>
    public static readonly IReadOnlyList<string> NamingTokens = ["{sam}", "{email}", "{id}", "{type}"];

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyFormat();

    [GeneratedRegex(@"\{[^{}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex NamingToken();

    /// <summary>The definition with blanks trimmed, empty optional texts as null and the currency upper-cased, or
    /// every problem found.</summary>
    public static Result<AssetTypeDefinition> Check(AssetTypeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DomainError>();
        var schema = AttributeSchema.Check(definition.Attributes);
        if (!schema.Succeeded)
            errors.AddRange(schema.Errors);

        var type = definition with
        {
            Name = (definition.Name ?? string.Empty).Trim(),
            Description = (definition.Description ?? string.Empty).Trim(),
            HelpText = (definition.HelpText ?? string.Empty).Trim(),
            Icon = Optional(definition.Icon),
            NamingPattern = Optional(definition.NamingPattern),
            EligibleGroup = Optional(definition.EligibleGroup),
            Currency = Optional(definition.Currency)?.ToUpperInvariant(),
            CostCenter = Optional(definition.CostCenter),
            AccessUrl = Optional(definition.AccessUrl),
            Attributes = schema.Succeeded ? schema.Value : definition.Attributes,
        };

        CheckTexts(type, errors);
        CheckEnumerations(type, errors);
        CheckCombinations(type, errors);
        CheckLifecycle(type, errors);
        CheckAccessAndCost(type, errors);
        return errors.Count == 0 ? Result<AssetTypeDefinition>.Success(type) : Result<AssetTypeDefinition>.Failure([.. errors]);
    }

    private static void CheckTexts(AssetTypeDefinition type, List<DomainError> errors)
    {
        if (type.Name.Length == 0)
            errors.Add(new DomainError("asset_type.name", "The name is required.", "name"));
        else if (type.Name.Length > MaximumNameLength)
            errors.Add(new DomainError("asset_type.name", $"The name has at most {MaximumNameLength} characters.", "name"));
        else if (type.Name.Any(char.IsControl))
            errors.Add(new DomainError("asset_type.name", "The name cannot contain control characters (line breaks, tabs).", "name"));

        if (type.Description.Length > MaximumDescriptionLength)
            errors.Add(new DomainError("asset_type.description", $"The description has at most {MaximumDescriptionLength} characters.", "description"));
        if (type.HelpText.Length > MaximumHelpTextLength)
            errors.Add(new DomainError("asset_type.help_text", $"The help text has at most {MaximumHelpTextLength} characters.", "helpText"));

        if (type.NamingPattern is { } pattern)
        {
            if (pattern.Length > MaximumNamingPatternLength)
            {
                errors.Add(new DomainError("asset_type.naming_pattern", $"The naming pattern has at most {MaximumNamingPatternLength} characters.", "namingPattern"));
            }
            else
            {
                var unknown = NamingToken().Matches(pattern).Select(m => m.Value)
                    .FirstOrDefault(t => !NamingTokens.Contains(t, StringComparer.OrdinalIgnoreCase));
                if (unknown is not null)
                {
                    errors.Add(new DomainError("asset_type.naming_pattern",
                        $"{unknown} is not a naming token; use {string.Join(", ", NamingTokens)}.", "namingPattern"));
                }
                else if (NamingToken().Replace(pattern, string.Empty).IndexOfAny(['{', '}']) >= 0)
                {
                    errors.Add(new DomainError("asset_type.naming_pattern", "The naming pattern has an unmatched { or }.", "namingPattern"));
                }
            }
        }
    }

    private static void CheckEnumerations(AssetTypeDefinition type, List<DomainError> errors)
    {
        void Undefined(string field, string code, IReadOnlyList<string> names) =>
            errors.Add(new DomainError(code, $"Choose one of: {string.Join(", ", names)}.", field));

        if (!Enum.IsDefined(type.Category))
            Undefined("category", "asset_type.category", WireName<AssetCategory>.All);
        if (!Enum.IsDefined(type.AssignmentModel))
            Undefined("assignmentModel", "asset_type.assignment_model", WireName<AssignmentModel>.All);
        if (type.PersonalProvisioningStrategy is { } strategy && !Enum.IsDefined(strategy))
            Undefined("personalProvisioningStrategy", "asset_type.personal_provisioning_strategy", WireName<PersonalProvisioningStrategy>.All);
        if (!Enum.IsDefined(type.AutomationStrategy))
            Undefined("automationStrategy", "asset_type.automation_strategy", WireName<AutomationStrategy>.All);
        if (!Enum.IsDefined(type.DeprovisionPolicy))
            Undefined("deprovisionPolicy", "asset_type.deprovision_policy", WireName<DeprovisionPolicy>.All);
        if (!Enum.IsDefined(type.StepVisibility))
            Undefined("stepVisibility", "asset_type.step_visibility", WireName<StepVisibility>.All);
    }

    /// <summary>
    /// The combinations that can run (reference §10.3): a personal type says where its asset comes from and nothing
    /// else does; creating a new asset needs a runbook to create it; only a personal asset can go back to the pool;
    /// only pooled types have a capacity and only shared types a shared asset.
    /// </summary>
    private static void CheckCombinations(AssetTypeDefinition type, List<DomainError> errors)
    {
        var personal = type.AssignmentModel == AssignmentModel.AssignedPersonal;
        var model = Enum.IsDefined(type.AssignmentModel) ? WireName<AssignmentModel>.Of(type.AssignmentModel) : type.AssignmentModel.ToString();

        if (personal && type.PersonalProvisioningStrategy is null)
        {
            errors.Add(new DomainError("asset_type.personal_provisioning_strategy",
                "An assigned_personal type needs a provisioning strategy: assign_existing_free or create_new.", "personalProvisioningStrategy"));
        }
        else if (!personal && type.PersonalProvisioningStrategy is not null)
        {
            errors.Add(new DomainError("asset_type.personal_provisioning_strategy",
                $"Only assigned_personal types have a provisioning strategy, not {model}.", "personalProvisioningStrategy"));
        }

        if (personal && type.PersonalProvisioningStrategy == PersonalProvisioningStrategy.CreateNew && type.AutomationStrategy == AutomationStrategy.GroupOnly)
        {
            errors.Add(new DomainError("asset_type.automation_strategy",
                "create_new needs a runbook that creates the asset: choose runbook_only or composite, not group_only.", "automationStrategy"));
        }

        if (!personal && type.DeprovisionPolicy is DeprovisionPolicy.ReturnToPool or DeprovisionPolicy.ReturnToPoolReinstall)
        {
            errors.Add(new DomainError("asset_type.deprovision_policy",
                $"{WireName<DeprovisionPolicy>.Of(type.DeprovisionPolicy)} returns a personal asset to the pool; a {model} type has none. Choose access_only or custom_runbook.",
                "deprovisionPolicy"));
        }

        if (type.AssignmentModel == AssignmentModel.CapacityPooled)
        {
            if (type.PoolCapacity is { } capacity && capacity is < 1 or > MaximumPoolCapacity)
            {
                errors.Add(new DomainError("asset_type.pool_capacity",
                    $"The pool capacity must be 1 to {MaximumPoolCapacity}, or empty for unlimited.", "poolCapacity"));
            }
        }
        else if (type.PoolCapacity is not null)
        {
            errors.Add(new DomainError("asset_type.pool_capacity", $"Only capacity_pooled types have a pool capacity, not {model}.", "poolCapacity"));
        }

        if (type.AssignmentModel == AssignmentModel.DedicatedShared)
        {
            if (type.SharedAssetId is { } shared && shared <= 0)
            {
                errors.Add(new DomainError("asset_type.shared_asset", "The shared asset id must be a positive number.", "sharedAssetId"));
            }
            else if (type.SharedAssetId is null && type.IsActive)
            {
                // A new shared type has no pool asset yet: it is saved inactive, gets its asset in the pool, then goes live.
                errors.Add(new DomainError("asset_type.shared_asset",
                    "An active dedicated_shared type needs its shared pool asset. Save it inactive, add the asset in the pool, then choose it here.",
                    "sharedAssetId"));
            }
        }
        else if (type.SharedAssetId is not null)
        {
            errors.Add(new DomainError("asset_type.shared_asset", $"Only dedicated_shared types have a shared asset, not {model}.", "sharedAssetId"));
        }
    }

    private static void CheckLifecycle(AssetTypeDefinition type, List<DomainError> errors)
    {
        var daysProblem = $"must be 1 to {MaximumDays} days, or empty";
        if (type.MaximumLifetimeDays is { } lifetime && lifetime is < 1 or > MaximumDays)
            errors.Add(new DomainError("asset_type.maximum_lifetime", $"The maximum lifetime {daysProblem} for no limit.", "maximumLifetimeDays"));

        if (type.DefaultDurationDays is { } duration)
        {
            if (duration is < 1 or > MaximumDays)
                errors.Add(new DomainError("asset_type.default_duration", $"The default duration {daysProblem}.", "defaultDurationDays"));
            else if (type.MaximumLifetimeDays is { } longest and >= 1 && duration > longest)
                errors.Add(new DomainError("asset_type.default_duration", $"The default duration ({duration} days) is longer than the maximum lifetime ({longest} days).", "defaultDurationDays"));
        }

        if (type.ReminderDays is { } reminder)
        {
            if (reminder is < 1 or > MaximumDays)
                errors.Add(new DomainError("asset_type.reminder_days", $"The reminder {daysProblem} for no reminder.", "reminderDays"));
            else if (type.MaximumLifetimeDays is { } longest and >= 1 && reminder >= longest)
                errors.Add(new DomainError("asset_type.reminder_days", $"The reminder ({reminder} days before expiry) must be shorter than the maximum lifetime ({longest} days).", "reminderDays"));
        }

        if (type.MaxPerUser is < 0 or > MaximumPerUser)
            errors.Add(new DomainError("asset_type.max_per_user", $"The maximum per person must be 0 (no limit) to {MaximumPerUser}.", "maxPerUser"));
    }

    private static void CheckAccessAndCost(AssetTypeDefinition type, List<DomainError> errors)
    {
        if (type.JustificationRequired && !type.CollectJustification)
            errors.Add(new DomainError("asset_type.justification", "A justification can only be required when it is collected: turn on collectJustification too.", "justificationRequired"));
        if (type.EligibleGroup is { Length: > MaximumEligibleGroupLength })
            errors.Add(new DomainError("asset_type.eligible_group", $"The eligible group has at most {MaximumEligibleGroupLength} characters.", "eligibleGroup"));

        if (type.AccessUrl is { } url)
        {
            // Shown as a link to requesters and put into mails: only web addresses, never javascript: or file:.
            if (url.Length > MaximumAccessUrlLength)
                errors.Add(new DomainError("asset_type.access_url", $"The access URL has at most {MaximumAccessUrlLength} characters.", "accessUrl"));
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
                errors.Add(new DomainError("asset_type.access_url", "The access URL must be an absolute http:// or https:// address.", "accessUrl"));
        }

        if (type.MonthlyCost is { } cost)
        {
            if (cost < 0)
                errors.Add(new DomainError("asset_type.monthly_cost", "The monthly cost cannot be negative.", "monthlyCost"));
            else if (cost > MaximumMonthlyCost)
                errors.Add(new DomainError("asset_type.monthly_cost", $"The monthly cost is at most {MaximumMonthlyCost:0.00}.", "monthlyCost"));
            else if (decimal.Round(cost, 2) != cost)
                errors.Add(new DomainError("asset_type.monthly_cost", "The monthly cost has at most two decimal places.", "monthlyCost"));
            if (type.Currency is null)
                errors.Add(new DomainError("asset_type.currency", "A monthly cost needs its currency (ISO 4217, like EUR).", "currency"));
        }

        if (type.Currency is { } currency && !CurrencyFormat().IsMatch(currency))
            errors.Add(new DomainError("asset_type.currency", $"'{currency}' is not an ISO 4217 currency code (three letters, like EUR or USD).", "currency"));
        if (type.CostCenter is { Length: > MaximumCostCenterLength })
            errors.Add(new DomainError("asset_type.cost_center", $"The cost centre has at most {MaximumCostCenterLength} characters.", "costCenter"));
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
