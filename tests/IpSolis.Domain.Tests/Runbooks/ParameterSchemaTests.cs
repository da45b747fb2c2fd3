using IpSolis.Domain.Runbooks;

namespace IpSolis.Domain.Tests.Runbooks;

public sealed class ParameterSchemaTests
{
    private static readonly ParameterDefinition[] Schema =
    [
        new("VMName", ParameterType.String, Required: true),
        new("Retries", ParameterType.Int, Default: "3"),
        new("Force", ParameterType.Bool),
        new("Options", ParameterType.Json),
    ];

    [Fact]
    public void Apply_FillsDefaultsAndKeepsGivenValues()
    {
        var result = ParameterSchema.Apply(Schema, new Dictionary<string, string?> { ["vmname"] = "VDI-1", ["Force"] = "true" });
        result.Succeeded.Should().BeTrue();
        result.Value.Should().BeEquivalentTo(new Dictionary<string, string> { ["VMName"] = "VDI-1", ["Retries"] = "3", ["Force"] = "true" });
    }

    [Fact]
    public void Apply_ReportsEveryProblemAtOnce()
    {
        var result = ParameterSchema.Apply(Schema, new Dictionary<string, string?>
        {
            ["Retries"] = "three", ["Force"] = "yes", ["Options"] = "{broken", ["Extra"] = "x",
        });
        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().BeEquivalentTo(
            ["script.parameter_unknown", "script.parameter_required", "script.parameter_type", "script.parameter_type", "script.parameter_type"]);
        result.Errors.Should().Contain(e => e.Field == "VMName" && e.Code == "script.parameter_required");
    }

    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void CheckValue_Json_AcceptsValidJson(string json) =>
        ParameterSchema.CheckValue(ParameterType.Json, json).Should().BeNull();

    [Theory]
    [InlineData(ParameterType.Int, "-12", true)]
    [InlineData(ParameterType.Int, "1.5", false)]
    [InlineData(ParameterType.Bool, "false", true)]
    [InlineData(ParameterType.Bool, "True", false)]
    [InlineData(ParameterType.String, "anything; rm -rf /", true)]
    public void CheckValue_Types(ParameterType type, string value, bool valid) =>
        (ParameterSchema.CheckValue(type, value) is null).Should().Be(valid);

    [Theory]
    [InlineData("VMName", true)]
    [InlineData("_x1", true)]
    [InlineData("1abc", false)]
    [InlineData("a-b", false)]
    [InlineData("a b", false)]
    [InlineData("PATH", false)]
    [InlineData("ld_preload", false)]
    [InlineData("IPSOLIS_PARAMS_FILE", false)]
    [InlineData("", false)]
    public void CheckName_AllowsPortableEnvironmentNamesOnly(string name, bool valid) =>
        (ParameterSchema.CheckName(name) is null).Should().Be(valid);

    [Fact]
    public void CheckDefinitions_DuplicateAndBadDefault_AreNamed()
    {
        var errors = ParameterSchema.CheckDefinitions([new("A", ParameterType.String), new("a", ParameterType.String), new("N", ParameterType.Int, Default: "x")]);
        errors.Select(e => e.Field).Should().BeEquivalentTo(["parameters[1].name", "parameters[2].default"]);
    }

    [Fact]
    public void CheckDefinitions_TooMany_IsRefused()
    {
        var many = Enumerable.Range(0, ParameterSchema.MaxParameters + 1).Select(i => new ParameterDefinition($"P{i}", ParameterType.String)).ToList();
        ParameterSchema.CheckDefinitions(many).Should().Contain(e => e.Code == "script.parameters_too_many");
    }

    [Fact]
    public void Apply_TooLongValue_IsRefused()
    {
        var result = ParameterSchema.Apply([new("A", ParameterType.String)], new Dictionary<string, string?> { ["A"] = new string('x', ParameterSchema.MaxValueLength + 1) });
        result.Errors.Should().ContainSingle().Which.Code.Should().Be("script.parameter_too_long");
    }
}
