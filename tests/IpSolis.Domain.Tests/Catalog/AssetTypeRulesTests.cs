using IpSolis.Domain.Catalog;

namespace IpSolis.Domain.Tests.Catalog;

public sealed class AssetTypeRulesTests
{
    private static readonly AssetTypeDefinition Personal = new()
    {
        Name = "VDI Standard",
        AssignmentModel = AssignmentModel.AssignedPersonal,
        PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree,
        DeprovisionPolicy = DeprovisionPolicy.ReturnToPool,
        AutomationStrategy = AutomationStrategy.RunbookOnly,
    };

    private static readonly AssetTypeDefinition Pooled = new()
    {
        Name = "CRM access",
        AssignmentModel = AssignmentModel.CapacityPooled,
        AutomationStrategy = AutomationStrategy.GroupOnly,
        DeprovisionPolicy = DeprovisionPolicy.AccessOnly,
    };

    private static readonly AssetTypeDefinition Shared = new()
    {
        Name = "Jump host",
        AssignmentModel = AssignmentModel.DedicatedShared,
        SharedAssetId = 7,
        DeprovisionPolicy = DeprovisionPolicy.AccessOnly,
    };

    private static IReadOnlyList<DomainError> Errors(AssetTypeDefinition definition)
    {
        var result = AssetTypeRules.Check(definition);
        return result.Succeeded ? [] : result.Errors;
    }

    private static void ShouldFailOn(AssetTypeDefinition definition, string field, string code)
    {
        var errors = Errors(definition);
        errors.Should().Contain(e => e.Field == field && e.Code == code, $"expected {code} on {field}, got: {string.Join("; ", errors.Select(e => $"{e.Field}:{e.Code}"))}");
    }

    [Fact]
    public void PooledWithGroupOnlyAndAccessOnly_IsValid() => Errors(Pooled).Should().BeEmpty();

    [Theory]
    [InlineData(DeprovisionPolicy.ReturnToPool)]
    [InlineData(DeprovisionPolicy.ReturnToPoolReinstall)]
    [InlineData(DeprovisionPolicy.AccessOnly)]
    [InlineData(DeprovisionPolicy.CustomRunbook)]
    public void PersonalWithAssignExistingFree_TakesEveryDeprovisionPolicy(DeprovisionPolicy policy) =>
        Errors(Personal with { DeprovisionPolicy = policy }).Should().BeEmpty();

    [Theory]
    [InlineData(AutomationStrategy.RunbookOnly)]
    [InlineData(AutomationStrategy.Composite)]
    public void CreateNew_WithARunbook_IsValid(AutomationStrategy strategy) =>
        Errors(Personal with { PersonalProvisioningStrategy = PersonalProvisioningStrategy.CreateNew, AutomationStrategy = strategy }).Should().BeEmpty();

    [Fact]
    public void CreateNew_WithGroupOnly_IsRefusedOnTheAutomationStrategy() =>
        ShouldFailOn(Personal with { PersonalProvisioningStrategy = PersonalProvisioningStrategy.CreateNew, AutomationStrategy = AutomationStrategy.GroupOnly },
            "automationStrategy", "asset_type.automation_strategy");

    [Theory]
    [InlineData(AssignmentModel.CapacityPooled)]
    [InlineData(AssignmentModel.DedicatedShared)]
    [InlineData(AssignmentModel.AssignedPersonal)]
    public void CustomRunbook_IsValidForEveryModel(AssignmentModel model)
    {
        var definition = model switch
        {
            AssignmentModel.CapacityPooled => Pooled,
            AssignmentModel.DedicatedShared => Shared,
            _ => Personal,
        };
        Errors(definition with { DeprovisionPolicy = DeprovisionPolicy.CustomRunbook }).Should().BeEmpty();
    }

    [Theory]
    [InlineData(DeprovisionPolicy.ReturnToPool)]
    [InlineData(DeprovisionPolicy.ReturnToPoolReinstall)]
    public void ReturnToPool_OnANonPersonalType_IsRefused(DeprovisionPolicy policy)
    {
        ShouldFailOn(Pooled with { DeprovisionPolicy = policy }, "deprovisionPolicy", "asset_type.deprovision_policy");
        ShouldFailOn(Shared with { DeprovisionPolicy = policy }, "deprovisionPolicy", "asset_type.deprovision_policy");
    }

    [Fact]
    public void APersonalType_NeedsAProvisioningStrategy() =>
        ShouldFailOn(Personal with { PersonalProvisioningStrategy = null }, "personalProvisioningStrategy", "asset_type.personal_provisioning_strategy");

    [Fact]
    public void OtherModels_MustNotHaveAProvisioningStrategy()
    {
        ShouldFailOn(Pooled with { PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree }, "personalProvisioningStrategy", "asset_type.personal_provisioning_strategy");
        ShouldFailOn(Shared with { PersonalProvisioningStrategy = PersonalProvisioningStrategy.CreateNew }, "personalProvisioningStrategy", "asset_type.personal_provisioning_strategy");
    }

    [Fact]
    public void SeveralBrokenRules_AreAllReportedAtOnce()
    {
        var errors = Errors(Pooled with
        {
            PersonalProvisioningStrategy = PersonalProvisioningStrategy.CreateNew,
            DeprovisionPolicy = DeprovisionPolicy.ReturnToPool,
            Name = "",
        });
        errors.Select(e => e.Field).Should().Contain(["personalProvisioningStrategy", "deprovisionPolicy", "name"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(500)]
    public void PooledCapacity_IsUnlimitedOrAtLeastOne(int? capacity) =>
        Errors(Pooled with { PoolCapacity = capacity }).Should().BeEmpty();

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(AssetTypeRules.MaximumPoolCapacity + 1)]
    public void PooledCapacity_BelowOneOrHuge_IsRefused(int capacity) =>
        ShouldFailOn(Pooled with { PoolCapacity = capacity }, "poolCapacity", "asset_type.pool_capacity");

    [Fact]
    public void OnlyPooledTypes_HaveACapacity()
    {
        ShouldFailOn(Personal with { PoolCapacity = 10 }, "poolCapacity", "asset_type.pool_capacity");
        ShouldFailOn(Shared with { PoolCapacity = 10 }, "poolCapacity", "asset_type.pool_capacity");
    }

    [Fact]
    public void AnActiveSharedType_NeedsItsSharedAsset_AnInactiveOneMayWait()
    {
        ShouldFailOn(Shared with { SharedAssetId = null }, "sharedAssetId", "asset_type.shared_asset");
        Errors(Shared with { SharedAssetId = null, IsActive = false }).Should().BeEmpty();
        ShouldFailOn(Shared with { SharedAssetId = 0 }, "sharedAssetId", "asset_type.shared_asset");
    }

    [Fact]
    public void OnlySharedTypes_HaveASharedAsset()
    {
        ShouldFailOn(Personal with { SharedAssetId = 3 }, "sharedAssetId", "asset_type.shared_asset");
        ShouldFailOn(Pooled with { SharedAssetId = 3 }, "sharedAssetId", "asset_type.shared_asset");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void TheName_IsRequired(string name) => ShouldFailOn(Pooled with { Name = name }, "name", "asset_type.name");

    [Fact]
    public void TheName_HasAtMostHundredCharacters_AfterTrimming()
    {
        Errors(Pooled with { Name = "  " + new string('n', 100) + "  " }).Should().BeEmpty();
        ShouldFailOn(Pooled with { Name = new string('n', 101) }, "name", "asset_type.name");
    }

    [Fact]
    public void TheName_CannotContainLineBreaks() => ShouldFailOn(Pooled with { Name = "VDI\nevil" }, "name", "asset_type.name");

    [Fact]
    public void Check_TrimsAndNormalizesTheDefinition()
    {
        var result = AssetTypeRules.Check(Pooled with
        {
            Name = "  CRM  ",
            Currency = " eur ",
            MonthlyCost = 12.5m,
            CostCenter = "  ",
            EligibleGroup = " CN=CRM users ",
            Icon = "",
            AccessUrl = " https://rds.example.com/crm ",
        });
        result.Succeeded.Should().BeTrue();
        result.Value.Name.Should().Be("CRM");
        result.Value.Currency.Should().Be("EUR");
        result.Value.CostCenter.Should().BeNull();
        result.Value.EligibleGroup.Should().Be("CN=CRM users");
        result.Value.Icon.Should().BeNull();
        result.Value.AccessUrl.Should().Be("https://rds.example.com/crm");
    }

    [Fact]
    public void LongTexts_AreRefusedWithTheirField()
    {
        ShouldFailOn(Pooled with { Description = new string('d', AssetTypeRules.MaximumDescriptionLength + 1) }, "description", "asset_type.description");
        ShouldFailOn(Pooled with { HelpText = new string('h', AssetTypeRules.MaximumHelpTextLength + 1) }, "helpText", "asset_type.help_text");
        ShouldFailOn(Pooled with { EligibleGroup = new string('g', AssetTypeRules.MaximumEligibleGroupLength + 1) }, "eligibleGroup", "asset_type.eligible_group");
        ShouldFailOn(Pooled with { CostCenter = new string('c', AssetTypeRules.MaximumCostCenterLength + 1) }, "costCenter", "asset_type.cost_center");
        ShouldFailOn(Pooled with { NamingPattern = new string('p', AssetTypeRules.MaximumNamingPatternLength + 1) }, "namingPattern", "asset_type.naming_pattern");
    }

    [Theory]
    [InlineData("VDI-{sam}")]
    [InlineData("LAPTOP-{ID}-{type}")]
    [InlineData("{email}.desk")]
    [InlineData("plain")]
    public void NamingPatterns_WithKnownTokens_AreValid(string pattern) =>
        Errors(Personal with { NamingPattern = pattern }).Should().BeEmpty();

    [Theory]
    [InlineData("VDI-{user}")]
    [InlineData("VDI-{sam")]
    [InlineData("VDI-sam}")]
    public void NamingPatterns_WithUnknownOrUnmatchedTokens_AreRefused(string pattern) =>
        ShouldFailOn(Personal with { NamingPattern = pattern }, "namingPattern", "asset_type.naming_pattern");

    [Fact]
    public void Lifecycle_WithinLimits_IsValid() =>
        Errors(Personal with { DefaultDurationDays = 30, MaximumLifetimeDays = 365, ReminderDays = 7, MaxPerUser = 0 }).Should().BeEmpty();

    [Fact]
    public void DefaultDuration_MustBePositive_AndNotBeyondTheMaximumLifetime()
    {
        ShouldFailOn(Personal with { DefaultDurationDays = 0 }, "defaultDurationDays", "asset_type.default_duration");
        ShouldFailOn(Personal with { DefaultDurationDays = 91, MaximumLifetimeDays = 90 }, "defaultDurationDays", "asset_type.default_duration");
        Errors(Personal with { DefaultDurationDays = 90, MaximumLifetimeDays = 90 }).Should().BeEmpty();
    }

    [Fact]
    public void MaximumLifetime_MustBeOneToTenYears()
    {
        ShouldFailOn(Personal with { MaximumLifetimeDays = 0 }, "maximumLifetimeDays", "asset_type.maximum_lifetime");
        ShouldFailOn(Personal with { MaximumLifetimeDays = AssetTypeRules.MaximumDays + 1 }, "maximumLifetimeDays", "asset_type.maximum_lifetime");
    }

    [Fact]
    public void ReminderDays_MustBePositive_AndShorterThanTheMaximumLifetime()
    {
        ShouldFailOn(Personal with { ReminderDays = 0 }, "reminderDays", "asset_type.reminder_days");
        ShouldFailOn(Personal with { ReminderDays = 30, MaximumLifetimeDays = 30 }, "reminderDays", "asset_type.reminder_days");
        Errors(Personal with { ReminderDays = 29, MaximumLifetimeDays = 30 }).Should().BeEmpty();
        Errors(Personal with { ReminderDays = 400 }).Should().BeEmpty("without a maximum lifetime any window up to ten years is fine");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(AssetTypeRules.MaximumPerUser + 1)]
    public void MaxPerUser_OutOfRange_IsRefused(int value) =>
        ShouldFailOn(Personal with { MaxPerUser = value }, "maxPerUser", "asset_type.max_per_user");

    [Fact]
    public void RequiringAJustification_NeedsCollectingIt()
    {
        ShouldFailOn(Pooled with { JustificationRequired = true }, "justificationRequired", "asset_type.justification");
        Errors(Pooled with { JustificationRequired = true, CollectJustification = true }).Should().BeEmpty();
        Errors(Pooled with { CollectJustification = true }).Should().BeEmpty();
    }

    [Theory]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData("€")]
    public void Currency_MustBeAnIsoCode(string currency) =>
        ShouldFailOn(Pooled with { Currency = currency }, "currency", "asset_type.currency");

    [Fact]
    public void Cost_MustNotBeNegative_HaveTwoDecimalsAtMost_AndComeWithACurrency()
    {
        ShouldFailOn(Pooled with { MonthlyCost = -1m, Currency = "EUR" }, "monthlyCost", "asset_type.monthly_cost");
        ShouldFailOn(Pooled with { MonthlyCost = 1.005m, Currency = "EUR" }, "monthlyCost", "asset_type.monthly_cost");
        ShouldFailOn(Pooled with { MonthlyCost = AssetTypeRules.MaximumMonthlyCost + 1, Currency = "EUR" }, "monthlyCost", "asset_type.monthly_cost");
        ShouldFailOn(Pooled with { MonthlyCost = 10m }, "currency", "asset_type.currency");
        Errors(Pooled with { MonthlyCost = 0m, Currency = "usd" }).Should().BeEmpty();
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("rds.example.com")]
    [InlineData("ftp://rds.example.com")]
    public void AccessUrl_MustBeAnHttpAddress(string url) =>
        ShouldFailOn(Pooled with { AccessUrl = url }, "accessUrl", "asset_type.access_url");

    [Fact]
    public void UndefinedEnumerationValues_AreRefusedWithTheirField()
    {
        ShouldFailOn(Pooled with { Category = (AssetCategory)99 }, "category", "asset_type.category");
        ShouldFailOn(Pooled with { AutomationStrategy = (AutomationStrategy)99 }, "automationStrategy", "asset_type.automation_strategy");
        ShouldFailOn(Pooled with { DeprovisionPolicy = (DeprovisionPolicy)99 }, "deprovisionPolicy", "asset_type.deprovision_policy");
        ShouldFailOn(Pooled with { StepVisibility = (StepVisibility)99 }, "stepVisibility", "asset_type.step_visibility");
        ShouldFailOn(Pooled with { AssignmentModel = (AssignmentModel)99 }, "assignmentModel", "asset_type.assignment_model");
    }

    [Fact]
    public void AttributeSchemaErrors_AreReportedWithTheTypesOwn()
    {
        var errors = Errors(Pooled with { Name = "", Attributes = [new AttributeDefinition("Bad Key", "Size", AttributeType.String)] });
        errors.Should().Contain(e => e.Field == "name");
        errors.Should().Contain(e => e.Field == "attributes[0].key");
    }

    [Fact]
    public void StrictestClassification_IsTheHighestOfTheAttributes()
    {
        Pooled.StrictestClassification.Should().Be(Classification.Internal);
        (Pooled with
        {
            Attributes =
            [
                new AttributeDefinition("a", "A", AttributeType.String) { Classification = Classification.Pii },
                new AttributeDefinition("b", "B", AttributeType.String) { Classification = Classification.Phi },
            ],
        }).StrictestClassification.Should().Be(Classification.Phi);
    }
}
