using IpSolis.Domain.Catalog;

namespace IpSolis.Domain.Tests.Catalog;

public sealed class AttributeValuesTests
{
    private static readonly AttributeDefinition Note = new("note", "Note", AttributeType.String);
    private static readonly AttributeDefinition Cores = new("cores", "Cores", AttributeType.Int) { Validation = new AttributeValidation(Min: 1, Max: 16) };
    private static readonly AttributeDefinition Gpu = new("gpu", "GPU", AttributeType.Bool);
    private static readonly AttributeDefinition Size = new("size", "Size", AttributeType.Enum) { Options = ["Small", "Large"] };
    private static readonly AttributeDefinition Tools = new("tools", "Tools", AttributeType.MultiEnum) { Options = ["git", "docker", "node"] };

    private static Dictionary<string, IReadOnlyList<string>> Submit(params (string Key, string[] Values)[] values) =>
        values.ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Values, StringComparer.Ordinal);

    private static Result<IReadOnlyDictionary<string, AttributeValue>> Check(IReadOnlyList<AttributeDefinition> schema, params (string Key, string[] Values)[] values) =>
        AttributeValues.Check(schema, Submit(values));

    private static DomainError SingleError(IReadOnlyList<AttributeDefinition> schema, params (string Key, string[] Values)[] values)
    {
        var result = Check(schema, values);
        result.Succeeded.Should().BeFalse();
        return result.Errors.Should().ContainSingle().Subject;
    }

    [Fact]
    public void EveryType_IsParsedToItsTypedValue()
    {
        var result = Check([Note, Cores, Gpu, Size, Tools],
            ("note", [" hello "]), ("cores", ["+4"]), ("gpu", ["on"]), ("size", ["large"]), ("tools", ["git", "NODE"]));
        result.Succeeded.Should().BeTrue();
        result.Value["note"].Text.Should().Be("hello");
        result.Value["cores"].Number.Should().Be(4);
        result.Value["gpu"].Flag.Should().BeTrue();
        result.Value["size"].Text.Should().Be("Large", "the option's own spelling is stored");
        result.Value["tools"].Choices.Should().Equal("git", "node");
    }

    [Fact]
    public void AMultiEnum_TakesACommaSeparatedValue_AndDropsRepeats()
    {
        var result = Check([Tools], ("tools", ["git, docker,git"]));
        result.Value["tools"].Choices.Should().Equal("git", "docker");
        result.Value["tools"].ToString().Should().Be("git, docker");
    }

    [Fact]
    public void UnknownKeys_AreRefusedByName()
    {
        var error = SingleError([Note], ("nope", ["x"]));
        error.Code.Should().Be("attribute.unknown");
        error.Field.Should().Be("attributes.nope");
    }

    [Fact]
    public void ARequiredAttribute_MustBeGiven()
    {
        var error = SingleError([Note with { Required = true }], ("note", ["   "]));
        error.Code.Should().Be("attribute.required");
        error.Field.Should().Be("attributes.note");
    }

    [Fact]
    public void ARequiredMultiEnum_WithOnlyCommas_IsMissing() =>
        SingleError([Tools with { Required = true }], ("tools", [" , ,"])).Code.Should().Be("attribute.required");

    [Fact]
    public void AnOptionalAttributeLeftEmpty_HasNoValue() =>
        Check([Note, Cores], ("note", [""])).Value.Should().BeEmpty();

    [Fact]
    public void Defaults_FillEmptyAttributes_AndAreChecked()
    {
        var result = Check([Note with { DefaultValue = "n/a" }, Cores with { DefaultValue = "2" }, Tools with { DefaultValue = "git, node" }]);
        result.Value["note"].Text.Should().Be("n/a");
        result.Value["cores"].Number.Should().Be(2);
        result.Value["tools"].Choices.Should().Equal("git", "node");

        SingleError([Cores with { DefaultValue = "99" }]).Code.Should().Be("attribute.too_large");
    }

    [Fact]
    public void ARequiredAttributeWithADefault_IsSatisfiedByIt() =>
        Check([Note with { Required = true, DefaultValue = "x" }]).Succeeded.Should().BeTrue();

    [Fact]
    public void SeveralValues_ForASingleValueAttribute_AreRefused() =>
        SingleError([Note], ("note", ["a", "b"])).Code.Should().Be("attribute.single_value");

    [Fact]
    public void StringLimits_AreEnforced()
    {
        var limited = Note with { Validation = new AttributeValidation(MinLength: 3, MaxLength: 5) };
        SingleError([limited], ("note", ["ab"])).Code.Should().Be("attribute.too_short");
        SingleError([limited], ("note", ["abcdef"])).Code.Should().Be("attribute.too_long");
        Check([limited], ("note", ["abcd"])).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void APattern_MustMatchTheWholeValue()
    {
        var pattern = Note with { Validation = new AttributeValidation(Pattern: "[0-9]{3}") };
        Check([pattern], ("note", ["123"])).Succeeded.Should().BeTrue();
        SingleError([pattern], ("note", ["1234"])).Code.Should().Be("attribute.pattern");
        SingleError([pattern], ("note", ["x123"])).Code.Should().Be("attribute.pattern");
    }

    [Fact]
    public void APattern_DoesNotMatchAcrossATrailingNewline() =>
        AttributeValues.MatchesWhole("[a-z]+", "abc\n").Should().BeFalse();

    [Fact]
    public void APatternWithAlternatives_IsAnchoredAsAWhole() =>
        AttributeValues.MatchesWhole("a|b", "ab").Should().BeFalse();

    [Fact]
    public void APatternMessage_ReplacesTheGenericText() =>
        SingleError([Note with { Validation = new AttributeValidation(Pattern: "[0-9]+") { PatternMessage = "Digits only." } }], ("note", ["x"]))
            .Message.Should().Be("Note: Digits only.");

    [Fact]
    public void AnInvalidOrRunawayPattern_NeverMatches()
    {
        AttributeValues.MatchesWhole("[a-", "a").Should().BeFalse();
        AttributeValues.MatchesWhole("(a+)+$", new string('a', 40) + "!").Should().BeFalse();
    }

    [Theory]
    [InlineData("four", "attribute.not_a_number")]
    [InlineData("1.5", "attribute.not_a_number")]
    [InlineData("0", "attribute.too_small")]
    [InlineData("17", "attribute.too_large")]
    [InlineData("99999999999999999999", "attribute.not_a_number")]
    public void IntValues_AreParsedAndBounded(string value, string code) =>
        SingleError([Cores], ("cores", [value])).Code.Should().Be(code);

    [Theory]
    [InlineData("true", true)]
    [InlineData("ON", true)]
    [InlineData("yes", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    public void BoolValues_UnderstandFormAndApiWords(string value, bool expected) =>
        Check([Gpu], ("gpu", [value])).Value["gpu"].Flag.Should().Be(expected);

    [Fact]
    public void ABoolThatIsNoWord_IsRefused() => SingleError([Gpu], ("gpu", ["perhaps"])).Code.Should().Be("attribute.not_a_flag");

    [Fact]
    public void ParseFlag_IsNullForNothing() => AttributeValues.ParseFlag(null).Should().BeNull();

    [Fact]
    public void EnumValues_MustBeOptions() => SingleError([Size], ("size", ["medium"])).Code.Should().Be("attribute.not_an_option");

    [Fact]
    public void MultiEnumValues_MustBeOptions_AndKeepTheirCounts()
    {
        SingleError([Tools], ("tools", ["git", "rust"])).Code.Should().Be("attribute.not_an_option");
        var counted = Tools with { Validation = new AttributeValidation(Min: 2, Max: 2) };
        SingleError([counted], ("tools", ["git"])).Code.Should().Be("attribute.too_few");
        SingleError([counted], ("tools", ["git,docker,node"])).Code.Should().Be("attribute.too_many");
        Check([counted], ("tools", ["git", "docker"])).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void AHiddenAttribute_IsDropped_EvenWhenRequiredOrInvalid()
    {
        var reason = new AttributeDefinition("reason", "Reason", AttributeType.String) { Required = true, VisibleWhen = new AttributeCondition("gpu", "true") };
        var result = Check([Gpu, reason], ("gpu", ["false"]), ("reason", [""]));
        result.Succeeded.Should().BeTrue();
        result.Value.Should().ContainKey("gpu").And.NotContainKey("reason");

        Check([Gpu, reason], ("gpu", ["no"]), ("reason", ["something"])).Value.Should().NotContainKey("reason");
    }

    [Fact]
    public void AVisibleAttribute_IsChecked()
    {
        var reason = new AttributeDefinition("reason", "Reason", AttributeType.String) { Required = true, VisibleWhen = new AttributeCondition("gpu", "true") };
        SingleError([Gpu, reason], ("gpu", ["on"])).Field.Should().Be("attributes.reason");
    }

    [Fact]
    public void Conditions_OnChoices_MatchIgnoringCase()
    {
        var extra = new AttributeDefinition("extra", "Extra", AttributeType.String) { VisibleWhen = new AttributeCondition("size", "LARGE") };
        Check([Size, extra], ("size", ["large"]), ("extra", ["x"])).Value.Should().ContainKey("extra");
        Check([Size, extra], ("size", ["small"]), ("extra", ["x"])).Value.Should().NotContainKey("extra");
    }

    [Fact]
    public void Conditions_OnAMultiEnum_MatchAnyChosenOption_EvenWhenSentCommaSeparated()
    {
        var dockerHub = new AttributeDefinition("registry", "Registry", AttributeType.String) { VisibleWhen = new AttributeCondition("tools", "docker") };
        Check([Tools, dockerHub], ("tools", ["git, docker"]), ("registry", ["hub"])).Value.Should().ContainKey("registry");
        Check([Tools, dockerHub], ("tools", ["git", "docker"]), ("registry", ["hub"])).Value.Should().ContainKey("registry");
        Check([Tools, dockerHub], ("tools", ["git"]), ("registry", ["hub"])).Value.Should().NotContainKey("registry");
    }

    [Fact]
    public void Conditions_OnAnInt_CompareNumbers()
    {
        var big = new AttributeDefinition("why", "Why", AttributeType.String) { VisibleWhen = new AttributeCondition("cores", "8") };
        Check([Cores, big], ("cores", ["08"]), ("why", ["builds"])).Value.Should().ContainKey("why");
        Check([Cores, big], ("cores", ["4"]), ("why", ["builds"])).Value.Should().NotContainKey("why");
    }

    [Fact]
    public void Conditions_SeeTheControllingDefault()
    {
        var extra = new AttributeDefinition("extra", "Extra", AttributeType.String) { Required = true, VisibleWhen = new AttributeCondition("size", "large") };
        SingleError([Size with { DefaultValue = "Large" }, extra]).Code.Should().Be("attribute.required");
    }

    [Fact]
    public void AnAttributeBehindAHiddenOne_IsHiddenToo()
    {
        var first = new AttributeDefinition("first", "First", AttributeType.Bool) { VisibleWhen = new AttributeCondition("gpu", "true") };
        var second = new AttributeDefinition("second", "Second", AttributeType.String) { Required = true, VisibleWhen = new AttributeCondition("first", "true") };
        Check([Gpu, first, second], ("gpu", ["false"]), ("first", ["true"])).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void ACycleInABadlyMadeSchema_HidesItsMembersInsteadOfLooping()
    {
        var a = new AttributeDefinition("a", "A", AttributeType.String) { Required = true, VisibleWhen = new AttributeCondition("b", "x") };
        var b = new AttributeDefinition("b", "B", AttributeType.String) { Required = true, VisibleWhen = new AttributeCondition("a", "x") };
        Check([a, b], ("a", ["x"]), ("b", ["x"])).Value.Should().BeEmpty();
    }

    [Fact]
    public void AConditionOnAMissingAttribute_Hides() =>
        AttributeValues.IsVisible(Note with { VisibleWhen = new AttributeCondition("ghost", "x") }, new Dictionary<string, IReadOnlyList<string>>(), [Note]).Should().BeFalse();

    [Fact]
    public void EveryProblem_IsReported_EachWithItsField()
    {
        var result = Check([Note with { Required = true }, Cores, Size], ("cores", ["x"]), ("size", ["medium"]));
        result.Errors.Select(e => e.Field).Should().BeEquivalentTo("attributes.note", "attributes.cores", "attributes.size");
    }

    [Fact]
    public void CheckValue_ChecksOneRawValueAsAnOrderWould()
    {
        AttributeValues.CheckValue(Tools, "git, node").Should().BeEmpty();
        AttributeValues.CheckValue(Tools, "rust").Should().ContainSingle().Which.Code.Should().Be("attribute.not_an_option");
        AttributeValues.CheckValue(Cores, " ").Should().ContainSingle().Which.Code.Should().Be("attribute.required");
    }

    [Fact]
    public void AttributeValue_PrintsEachForm()
    {
        AttributeValue.OfText("x").ToString().Should().Be("x");
        AttributeValue.OfNumber(-3).ToString().Should().Be("-3");
        AttributeValue.OfFlag(false).ToString().Should().Be("false");
        AttributeValue.OfChoices(["a", "b"]).ToString().Should().Be("a, b");
    }
}
