using System.Net;
using IpSolis.Server.Features.Runbooks;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>A script module's page: the code editor's form (kept on a refusal), the test run and its output, and who may use them.</summary>
public sealed class ScriptModulePageTests(RunbookPagesHost fixture) : IClassFixture<RunbookPagesHost>
{
    private static string Path(long id) => $"{RunbookPageEndpoints.PagePath}/modules/{id}";

    private Task<long> AddModuleAsync(string content) =>
        fixture.Host.AddModuleAsync(RunbookPagesHost.Unique("Page - Module"), content, [new { name = "Name", type = "string", required = true }]);

    [Fact]
    public async Task TestRun_ShowsTheResultObject_Stdout_Stderr_ExitCodeAndDuration_AndIsAudited()
    {
        var id = await AddModuleAsync("""
            # outputs: greeting
            echo "to stderr" >&2
            echo "a log line"
            printf '{"greeting":"hi %s"}\n' "$Name"
            """);
        var root = await fixture.ConsoleAsync(RunbookPagesHost.Root);

        var (response, page) = await root.SubmitAsync(Path(id), "test-run", new Dictionary<string, string> { ["parameters"] = "{\"Name\":\"Ann\"}" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, page.QuerySelector(".field-error")?.TextContent);
        page.QuerySelector("[data-test-exit]")!.TextContent.Should().Be("0");
        page.QuerySelector("[data-test-duration]")!.TextContent.Should().MatchRegex(@"^\d+ ms$");
        page.QuerySelector("[data-test-outputs]")!.TextContent.Should().Be("{\"greeting\":\"hi Ann\"}");
        page.QuerySelector("[data-test-stdout]")!.TextContent.Should().Contain("a log line").And.Contain("{\"greeting\":\"hi Ann\"}");
        page.QuerySelector("[data-test-stderr]")!.TextContent.Should().Contain("to stderr");
        page.QuerySelector("#test-parameters")!.TextContent.Should().Be("{\"Name\":\"Ann\"}", "the sample is kept for the next run");
        page.Body!.TextContent.Should().Contain("Declared outputs: greeting.");
        (await AccessFixtures.AuditAsync(fixture.Factory)).Should().Contain(e => e.Action == "script_module.tested" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TestRun_OfAFailingScript_ShowsItsExitCodeAndStderr()
    {
        var id = await AddModuleAsync("echo \"cannot reach $Name\" >&2\nexit 3");
        var root = await fixture.ConsoleAsync(RunbookPagesHost.Root);

        var (response, page) = await root.SubmitAsync(Path(id), "test-run", new Dictionary<string, string> { ["parameters"] = "{\"Name\":\"db01\"}" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("[data-test-exit]")!.TextContent.Should().Be("3");
        page.QuerySelector("[data-test-stderr]")!.TextContent.Should().Contain("cannot reach db01");
        page.QuerySelector(".script-test-result .badge")!.TextContent.Should().Be("Failed");
    }

    [Fact]
    public async Task TestRun_WithSampleParametersThatAreNotJson_SaysSo()
    {
        var id = await AddModuleAsync("echo '{}'");
        var root = await fixture.ConsoleAsync(RunbookPagesHost.Root);

        var (response, page) = await root.SubmitAsync(Path(id), "test-run", new Dictionary<string, string> { ["parameters"] = "{not json" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.QuerySelector("#test-parameters-error")!.TextContent.Should().Contain("not a JSON object of strings");
        page.QuerySelector("[data-test-result]").Should().BeNull();
    }

    [Fact]
    public async Task Save_WithBadInput_KeepsTheEditedScript_AndChangesNothing_ThenAValidSaveIsStored()
    {
        var id = await AddModuleAsync("echo '{}'");
        var root = await fixture.ConsoleAsync(RunbookPagesHost.Root);
        var (_, page) = await root.GetPageAsync(Path(id));
        var name = page.QuerySelector("#module-name")!.GetAttribute("value")!;
        var edited = "# outputs: done\n    echo '{\"done\":\"yes\"}'\n";

        var (refused, refusedPage) = await root.SubmitAsync(Path(id), "script-module", new Dictionary<string, string>
        {
            ["name"] = name, ["interpreter"] = "cobol", ["description"] = "d", ["parameters"] = "[]", ["content"] = edited,
        });

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refusedPage.QuerySelector("#module-interpreter-error")!.TextContent.Should().Contain("The interpreter is one of");
        refusedPage.QuerySelector("#module-content")!.TextContent.Should().Be(edited, "the edited script is not lost");
        (await ModuleAsync(id)).Content.Should().Be("echo '{}'");

        var (saved, _) = await root.SubmitAsync(Path(id), "script-module", new Dictionary<string, string>
        {
            ["name"] = name, ["interpreter"] = "bash", ["description"] = "d", ["parameters"] = "[]", ["content"] = edited,
        });
        ConsoleClient.RedirectTarget(saved).Should().Be($"{Path(id)}?done=saved");
        var module = await ModuleAsync(id);
        module.Content.Should().Be(edited);
        module.DeclaredOutputs.Should().Equal("done");
        (await AccessFixtures.AuditAsync(fixture.Factory)).Should().Contain(e => e.Action == "script_module.updated" && e.Actor.Contains(RunbookPagesHost.Root));
    }

    [Fact]
    public async Task AnAdministratorWhoIsNotSuperadmin_ReadsTheScript_ButCannotSaveOrTestRunIt()
    {
        var id = await AddModuleAsync("echo '{}'");
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (shown, page) = await ops.GetPageAsync(Path(id));
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("ol.script-lines")!.TextContent.Should().Contain("echo '{}'");
        ConsoleClient.FindForm(page, "script-module").Should().BeNull("no editor for an administrator");
        ConsoleClient.FindForm(page, "test-run").Should().BeNull("no test run for an administrator");
        var (_, other) = await ops.GetPageAsync("/ui/account");
        var token = other.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var (test, _) = await ops.PostAsync(Path(id), [new("_handler", "test-run"), new("__RequestVerificationToken", token), new("parameters", "{}")]);
        var (save, _) = await ops.PostAsync(Path(id), [new("_handler", "script-module"), new("__RequestVerificationToken", token), new("name", "x"), new("interpreter", "bash"), new("content", "rm -rf /")]);

        test.IsSuccessStatusCode.Should().BeFalse();
        save.IsSuccessStatusCode.Should().BeFalse();
        (await ModuleAsync(id)).Content.Should().Be("echo '{}'");
        (await AccessFixtures.AuditAsync(fixture.Factory)).Should().NotContain(e => e.Action == "script_module.tested" && e.Actor.Contains(RunbookPagesHost.Ops));
    }

    private async Task<ScriptModule> ModuleAsync(long id)
    {
        await using var db = await AccessFixtures.Contexts(fixture.Factory).CreateDbContextAsync();
        return await db.Set<ScriptModule>().AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
