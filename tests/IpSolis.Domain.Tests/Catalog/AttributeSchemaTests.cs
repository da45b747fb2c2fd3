using IpSolis.Domain.Catalog;

namespace IpSolis.Domain.Tests.Catalog;

public sealed class AttributeSchemaTests
{
    private static AttributeDefinition Text(string key = "note") => new(key, "Note", AttributeType.String);

    private static AttributeDefinition Choice(string key = "size", params string[] options) =>
        new(key, "Size", AttributeType.Enum) { Options = options.Length == 0 ? ["small", "large"] : options };

    private static AttributeDefinition Many(string key = "tools", params string[] options) =>
        new(key, "Tools", AttributeType.MultiEnum) { Options = options.Length == 0 ? ["git", "docker", "node"] : options };

    private static IReadOnlyList<DomainError> Errors(params AttributeDefinition[] attributes)
    {
        var result = AttributeSchema.Check(attributes);
        return result.Succeeded ? [] : result.Errors;
    }

    private static void ShouldFailOn(string field, string code, params AttributeDefinition[] attributes)
    {
        var errors = Errors(attributes);
        errors.Should().Contain(e => e.Field == field && e.Code == code, $"expected {code} on {field}, got: {string.Join("; ", errors.Select(e => $"{e.Field}:{e.Code}"))}");
    }

    [Fact]
    public void AnEmptySchema_IsValid()
    {
        AttributeSchema.Check([]).Succeeded.Should().BeTrue();
        AttributeSchema.Check(null).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void AWellFormedSchemaOfEveryType_IsValid()
    {
        Errors(
            Text() with { Validation = new AttributeValidation(MinLength: 2, MaxLength: 50, Pattern: "[A-Z]+") { PatternMessage = "Upper case only." }, DefaultValue = "ABC" },
            new AttributeDefinition("cores", "Cores", AttributeType.Int) { Validation = new AttributeValidation(Min: 1, Max: 16), DefaultValue = "4" },
            new AttributeDefinition("gpu", "GPU", AttributeType.Bool) { DefaultValue = "false" },
            Choice() with { DefaultValue = "LARGE" },
            Many() with { Validation = new AttributeValidation(Min: 1, Max: 2), DefaultValue = "git, node" },
            Text("gpu_reason") with { VisibleWhen = new AttributeCondition("gpu", "true"), Classification = Classification.Pii })
            .Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Size")]
    [InlineData("1size")]
    [InlineData("_size")]
    [InlineData("vm-size")]
    [InlineData("vm size")]
    [InlineData("größe")]
    [InlineData("a12345678901234567890123456789012345678901")]
    public void InvalidKeys_AreRefused(string key) => ShouldFailOn("attributes[0].key", "attribute_schema.key", Text(key));

    [Theory]
    [InlineData("a")]
    [InlineData("vm_size_2")]
    [InlineData("a123456789012345678901234567890123456789")]
    public void ValidKeys_AreAccepted(string key) => Errors(Text(key)).Should().BeEmpty();

    [Fact]
    public void Keys_AreTrimmed() => AttributeSchema.Check([Text("  note ")]).Value[0].Key.Should().Be("note");

    [Fact]
    public void DuplicateKeys_AreRefusedOnTheSecond() =>
        ShouldFailOn("attributes[1].key", "attribute_schema.duplicate_key", Text("note"), Text("note"));

    [Fact]
    public void ALabel_IsRequired_AndAtMostHundredCharacters()
    {
        ShouldFailOn("attributes[0].label", "attribute_schema.label", Text() with { Label = "  " });
        ShouldFailOn("attributes[0].label", "attribute_schema.label", Text() with { Label = new string('l', 101) });
    }

    [Fact]
    public void TooManyAttributes_AreRefused() =>
        ShouldFailOn("attributes", "attribute_schema.too_many", Enumerable.Range(0, AttributeSchema.MaximumAttributes + 1).Select(i => Text($"a{i}")).ToArray());

    [Theory]
    [InlineData(AttributeType.Enum)]
    [InlineData(AttributeType.MultiEnum)]
    public void Choices_NeedOptions(AttributeType type) =>
        ShouldFailOn("attributes[0].options", "attribute_schema.options", new AttributeDefinition("size", "Size", type));

    [Theory]
    [InlineData(AttributeType.String)]
    [InlineData(AttributeType.Int)]
    [InlineData(AttributeType.Bool)]
    public void OtherTypes_HaveNoOptions(AttributeType type) =>
        ShouldFailOn("attributes[0].options", "attribute_schema.options_not_allowed", new AttributeDefinition("size", "Size", type) { Options = ["a"] });

    [Fact]
    public void Options_MustBeUnique_IgnoringCase() =>
        ShouldFailOn("attributes[0].options", "attribute_schema.duplicate_option", Choice("size", "Large", "large"));

    [Fact]
    public void Options_CannotBeEmpty_LongOrContainCommas()
    {
        ShouldFailOn("attributes[0].options", "attribute_schema.options", Choice("size", "a", " "));
        ShouldFailOn("attributes[0].options", "attribute_schema.options", Choice("size", new string('o', 101)));
        ShouldFailOn("attributes[0].options", "attribute_schema.options", Choice("size", "a,b"));
        ShouldFailOn("attributes[0].options", "attribute_schema.options", Choice("size", Enumerable.Range(0, 101).Select(i => $"o{i}").ToArray()));
    }

    [Fact]
    public void Options_AreTrimmed() => AttributeSchema.Check([Choice("size", " small ", "large ")]).Value[0].Options.Should().Equal("small", "large");

    [Theory]
    [InlineData(AttributeType.Int, "many")]
    [InlineData(AttributeType.Bool, "maybe")]
    [InlineData(AttributeType.Enum, "huge")]
    [InlineData(AttributeType.MultiEnum, "git, rust")]
    public void ADefault_ThatTheFormWouldRefuse_IsRefused(AttributeType type, string value)
    {
        var attribute = type switch
        {
            AttributeType.Enum => Choice(),
            AttributeType.MultiEnum => Many(),
            _ => new AttributeDefinition("value", "Value", type),
        };
        ShouldFailOn("attributes[0].defaultValue", "attribute_schema.default_value", attribute with { DefaultValue = value });
    }

    [Fact]
    public void ADefault_MustKeepTheLimits()
    {
        ShouldFailOn("attributes[0].defaultValue", "attribute_schema.default_value",
            new AttributeDefinition("cores", "Cores", AttributeType.Int) { Validation = new AttributeValidation(Min: 2, Max: 8), DefaultValue = "16" });
        ShouldFailOn("attributes[0].defaultValue", "attribute_schema.default_value",
            Text() with { Validation = new AttributeValidation(Pattern: "[0-9]+"), DefaultValue = "abc" });
        ShouldFailOn("attributes[0].defaultValue", "attribute_schema.default_value",
            Many() with { Validation = new AttributeValidation(Max: 1), DefaultValue = "git,docker" });
    }

    [Fact]
    public void ABlankDefault_MeansNone() => AttributeSchema.Check([Text() with { DefaultValue = "  " }]).Value[0].DefaultValue.Should().BeNull();

    [Theory]
    [InlineData(AttributeType.String, "min")]
    [InlineData(AttributeType.String, "max")]
    [InlineData(AttributeType.Bool, "min")]
    [InlineData(AttributeType.Enum, "max")]
    [InlineData(AttributeType.Int, "minLength")]
    [InlineData(AttributeType.Int, "maxLength")]
    [InlineData(AttributeType.Int, "pattern")]
    [InlineData(AttributeType.MultiEnum, "pattern")]
    [InlineData(AttributeType.Bool, "patternMessage")]
    public void Limits_OnlyApplyWhereTheyMeanSomething(AttributeType type, string property)
    {
        var rules = property switch
        {
            "min" => new AttributeValidation(Min: 1),
            "max" => new AttributeValidation(Max: 1),
            "minLength" => new AttributeValidation(MinLength: 1),
            "maxLength" => new AttributeValidation(MaxLength: 1),
            "pattern" => new AttributeValidation(Pattern: "x"),
            _ => new AttributeValidation() { PatternMessage = "Nope" },
        };
        var attribute = new AttributeDefinition("value", "Value", type)
        {
            Options = type is AttributeType.Enum or AttributeType.MultiEnum ? ["a", "b"] : [],
            Validation = rules,
        };
        ShouldFailOn($"attributes[0].validation.{property}", "attribute_schema.validation_not_allowed", attribute);
    }

    [Fact]
    public void MinimumAboveMaximum_IsRefused()
    {
        ShouldFailOn("attributes[0].validation.min", "attribute_schema.limits",
            new AttributeDefinition("cores", "Cores", AttributeType.Int) { Validation = new AttributeValidation(Min: 9, Max: 2) });
        ShouldFailOn("attributes[0].validation.minLength", "attribute_schema.limits",
            Text() with { Validation = new AttributeValidation(MinLength: 9, MaxLength: 2) });
    }

    [Fact]
    public void LengthLimits_MustBeSensible()
    {
        ShouldFailOn("attributes[0].validation.minLength", "attribute_schema.limits", Text() with { Validation = new AttributeValidation(MinLength: -1) });
        ShouldFailOn("attributes[0].validation.maxLength", "attribute_schema.limits", Text() with { Validation = new AttributeValidation(MaxLength: 0) });
        ShouldFailOn("attributes[0].validation.maxLength", "attribute_schema.limits", Text() with { Validation = new AttributeValidation(MaxLength: AttributeSchema.MaximumTextLength + 1) });
    }

    [Fact]
    public void ChoiceCounts_MustBeReachable()
    {
        ShouldFailOn("attributes[0].validation.min", "attribute_schema.limits", Many() with { Validation = new AttributeValidation(Min: -1) });
        ShouldFailOn("attributes[0].validation.max", "attribute_schema.limits", Many() with { Validation = new AttributeValidation(Max: 0) });
        ShouldFailOn("attributes[0].validation.min", "attribute_schema.limits", Many() with { Validation = new AttributeValidation(Min: 4) });
    }

    [Theory]
    [InlineData("[a-z")]
    [InlineData("(?<open")]
    [InlineData("*x")]
    public void APatternThatDoesNotCompile_IsRefused(string pattern) =>
        ShouldFailOn("attributes[0].validation.pattern", "attribute_schema.pattern", Text() with { Validation = new AttributeValidation(Pattern: pattern) });

    [Fact]
    public void APatternMessage_NeedsAPattern_AndPatternsHaveALengthLimit()
    {
        ShouldFailOn("attributes[0].validation.patternMessage", "attribute_schema.pattern", Text() with { Validation = new AttributeValidation() { PatternMessage = "Digits" } });
        ShouldFailOn("attributes[0].validation.pattern", "attribute_schema.pattern",
            Text() with { Validation = new AttributeValidation(Pattern: new string('a', AttributeSchema.MaximumPatternLength + 1)) });
    }

    [Fact]
    public void EmptyValidation_IsDropped() =>
        AttributeSchema.Check([Text() with { Validation = new AttributeValidation(Pattern: " ") }]).Value[0].Validation.Should().BeNull();

    [Fact]
    public void VisibleWhen_MustNameAnotherExistingAttribute()
    {
        ShouldFailOn("attributes[0].visibleWhen.field", "attribute_schema.visible_when", Text() with { VisibleWhen = new AttributeCondition("ghost", "x") });
        ShouldFailOn("attributes[0].visibleWhen.field", "attribute_schema.visible_when", Text() with { VisibleWhen = new AttributeCondition("note", "x") });
        ShouldFailOn("attributes[0].visibleWhen.field", "attribute_schema.visible_when", Text() with { VisibleWhen = new AttributeCondition("", "x") });
        ShouldFailOn("attributes[1].visibleWhen.value", "attribute_schema.visible_when", Choice(), Text() with { VisibleWhen = new AttributeCondition("size", " ") });
    }

    [Fact]
    public void AnEmptyCondition_MeansAlwaysVisible() =>
        AttributeSchema.Check([Text() with { VisibleWhen = new AttributeCondition(" ", "") }]).Value[0].VisibleWhen.Should().BeNull();

    [Fact]
    public void VisibleWhen_ValueMustFitTheControllingAttribute()
    {
        ShouldFailOn("attributes[1].visibleWhen.value", "attribute_schema.visible_when",
            Choice(), Text() with { VisibleWhen = new AttributeCondition("size", "huge") });
        ShouldFailOn("attributes[1].visibleWhen.value", "attribute_schema.visible_when",
            new AttributeDefinition("gpu", "GPU", AttributeType.Bool), Text() with { VisibleWhen = new AttributeCondition("gpu", "perhaps") });
        ShouldFailOn("attributes[1].visibleWhen.value", "attribute_schema.visible_when",
            new AttributeDefinition("cores", "Cores", AttributeType.Int), Text() with { VisibleWhen = new AttributeCondition("cores", "four") });
        Errors(Many(), Text() with { VisibleWhen = new AttributeCondition("tools", "DOCKER") }).Should().BeEmpty();
    }

    [Fact]
    public void VisibleWhenCycles_AreRefusedOnEveryMember()
    {
        var errors = Errors(
            Text("a") with { VisibleWhen = new AttributeCondition("b", "x") },
            Text("b") with { VisibleWhen = new AttributeCondition("c", "x") },
            Text("c") with { VisibleWhen = new AttributeCondition("a", "x") },
            Text("d") with { VisibleWhen = new AttributeCondition("a", "x") });
        errors.Where(e => e.Code == "attribute_schema.visible_when_cycle").Select(e => e.Field)
            .Should().BeEquivalentTo("attributes[0].visibleWhen.field", "attributes[1].visibleWhen.field", "attributes[2].visibleWhen.field");
    }

    [Fact]
    public void AChainWithoutACycle_IsValid() =>
        Errors(
            Choice(),
            Text("a") with { VisibleWhen = new AttributeCondition("size", "large") },
            Text("b") with { VisibleWhen = new AttributeCondition("a", "yes") }).Should().BeEmpty();

    [Fact]
    public void UndefinedTypeOrClassification_IsRefused()
    {
        ShouldFailOn("attributes[0].type", "attribute_schema.type", new AttributeDefinition("x", "X", (AttributeType)42));
        ShouldFailOn("attributes[0].classification", "attribute_schema.classification", Text() with { Classification = (Classification)42 });
    }

    [Fact]
    public void AHintHasALengthLimit() =>
        ShouldFailOn("attributes[0].helpText", "attribute_schema.help_text", Text() with { HelpText = new string('h', AttributeSchema.MaximumHelpTextLength + 1) });

    [Fact]
    public void AMissingEntry_IsRefused()
    {
        var result = AttributeSchema.Check([Text(), null!]);
        result.Errors.Should().ContainSingle(e => e.Field == "attributes[1]" && e.Code == "attribute_schema.missing");
    }
}
