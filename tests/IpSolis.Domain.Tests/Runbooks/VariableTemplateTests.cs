using IpSolis.Domain.Runbooks;

namespace IpSolis.Domain.Tests.Runbooks;

public sealed class VariableTemplateTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["order.id"] = "42",
        ["asset.name"] = "VDI-0001",
        ["steps.create_vm.mac"] = "00:11:22:33:44:55",
        ["vars.hypervisor_url"] = "https://xen.example.com",
        ["vars.tricky"] = "{{vars.hypervisor_url}}",
    };

    private static string? Lookup(string path) => Values.TryGetValue(path, out var v) ? v : null;

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("", "")]
    [InlineData("{{order.id}}", "42")]
    [InlineData("{{ order.id }}", "42")]
    [InlineData("VM {{asset.name}} for order {{order.id}}", "VM VDI-0001 for order 42")]
    [InlineData("{{vars.hypervisor_url}}/api/{{steps.create_vm.mac}}", "https://xen.example.com/api/00:11:22:33:44:55")]
    [InlineData("{{{{literal}}", "{{literal}}")]
    [InlineData("single { brace } stays", "single { brace } stays")]
    public void Resolve_ReplacesEveryPlaceholder(string template, string expected)
    {
        var parsed = VariableTemplate.Parse(template);
        parsed.Succeeded.Should().BeTrue();
        parsed.Value.Resolve(Lookup).Value.Should().Be(expected);
    }

    [Fact]
    public void Resolve_ValueContainingPlaceholder_IsNotExpandedAgain()
    {
        VariableTemplate.Parse("{{vars.tricky}}").Value.Resolve(Lookup).Value.Should().Be("{{vars.hypervisor_url}}");
    }

    [Fact]
    public void Resolve_MissingValue_NamesThePlaceholderAndField()
    {
        var result = VariableTemplate.Parse("x {{steps.create_vm.uuid}}").Value.Resolve(Lookup, "VMName");
        result.Succeeded.Should().BeFalse();
        result.Errors[0].Code.Should().Be("runbook.value_missing");
        result.Errors[0].Message.Should().Contain("{{steps.create_vm.uuid}}");
        result.Errors[0].Field.Should().Be("VMName");
    }

    [Theory]
    [InlineData("{{order.id", "runbook.template_unclosed")]
    [InlineData("{{}}", "runbook.template_path")]
    [InlineData("{{secrets.x}}", "runbook.template_path")]
    [InlineData("{{steps.only_name}}", "runbook.template_path")]
    [InlineData("{{order}}", "runbook.template_path")]
    [InlineData("{{order..id}}", "runbook.template_path")]
    [InlineData("{{order.id; rm -rf /}}", "runbook.template_path")]
    [InlineData("{{vars.a b}}", "runbook.template_path")]
    public void Parse_Malformed_IsRefusedWithReason(string template, string code)
    {
        var result = VariableTemplate.Parse(template, "Body");
        result.Succeeded.Should().BeFalse();
        result.Errors[0].Code.Should().Be(code);
        result.Errors[0].Field.Should().Be("Body");
    }

    [Fact]
    public void Paths_ListsEveryPlaceholderInOrder()
    {
        VariableTemplate.Parse("{{vars.a}}-{{order.b}}-{{vars.a}}").Value.Paths.Should().Equal("vars.a", "order.b", "vars.a");
    }

    [Fact]
    public void Parse_Null_IsEmptyTemplate()
    {
        var parsed = VariableTemplate.Parse(null).Value;
        parsed.Paths.Should().BeEmpty();
        parsed.Resolve(Lookup).Value.Should().BeEmpty();
    }

    [Theory]
    [InlineData("steps.a-b.c_d", null)]
    [InlineData("asset.name", null)]
    [InlineData("asset", "name a value")]
    [InlineData("other.x", "starts with one of")]
    public void CheckPath_SaysWhatIsWrong(string path, string? problem)
    {
        var result = VariableTemplate.CheckPath(path);
        if (problem is null)
            result.Should().BeNull();
        else
            result.Should().Contain(problem);
    }
}
