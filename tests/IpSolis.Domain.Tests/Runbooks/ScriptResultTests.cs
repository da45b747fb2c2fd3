using IpSolis.Domain.Runbooks;

namespace IpSolis.Domain.Tests.Runbooks;

public sealed class ScriptResultTests
{
    [Fact]
    public void Interpret_JsonOnLastLine_IsSuccessWithOutputs()
    {
        var result = ScriptResult.Interpret(0, "starting\n{\"vm\":\"VDI-1\",\"count\":3,\"tags\":[1]}\n", "");
        result.Succeeded.Should().BeTrue();
        result.Outputs.Should().BeEquivalentTo(new Dictionary<string, string> { ["vm"] = "VDI-1", ["count"] = "3", ["tags"] = "[1]" });
        result.StopRun.Should().BeFalse();
    }

    [Fact]
    public void Interpret_NonZeroExit_FailsWithStderr()
    {
        var result = ScriptResult.Interpret(3, "", "boom\n");
        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be("Exit code 3: boom");
    }

    [Fact]
    public void Interpret_NonZeroExitWithJsonError_UsesIt() =>
        ScriptResult.Interpret(1, "{\"error\":\"VM not found\"}", "trace").Error.Should().Be("VM not found");

    [Fact]
    public void Interpret_NonZeroExitWithoutStderr_SaysExitCode() =>
        ScriptResult.Interpret(2, "", " ").Error.Should().Be("Exit code 2.");

    [Fact]
    public void Interpret_SuccessFalse_Fails()
    {
        var result = ScriptResult.Interpret(0, "{\"success\":false,\"error\":\"quota\"}", "");
        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be("quota");
    }

    [Fact]
    public void Interpret_NoJson_Fails() =>
        ScriptResult.Interpret(0, "done", "").Error.Should().Contain("no JSON object");

    [Fact]
    public void Interpret_BrokenJson_Fails() =>
        ScriptResult.Interpret(0, "{\"a\":", "").Error.Should().Contain("not a JSON object");

    [Fact]
    public void Interpret_StopRun_IsReported()
    {
        var result = ScriptResult.Interpret(0, "{\"stop_run\":true,\"stop_reason\":\"nothing to recycle\"}", "");
        result.Succeeded.Should().BeTrue();
        result.StopRun.Should().BeTrue();
        result.Outputs["stop_reason"].Should().Be("nothing to recycle");
    }

    [Fact]
    public void Interpret_LongStderr_KeepsTheEnd()
    {
        var result = ScriptResult.Interpret(1, "", new string('a', 3000) + "END");
        result.Error.Should().EndWith("END").And.HaveLength("Exit code 1: ".Length + 2001);
    }
}
