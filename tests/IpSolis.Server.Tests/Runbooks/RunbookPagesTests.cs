using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using IpSolis.Server.Features.Runbooks;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>
/// The runbook page as an editor, through the real host and its forms: steps as cards in order, Up/Down and the
/// saved order, the module picker, the step editor with literal and variable bindings and their suggestions, and
/// the refusals (roles, antiforgery, bad input, a page out of date) that change nothing.
/// </summary>
public sealed class RunbookPagesTests(RunbookPagesHost fixture) : IClassFixture<RunbookPagesHost>
{
    private static object Tag(string name, string key) => RunbookPagesHost.Step(name, "core.set_variable", new { Name = key, Value = "v-" + key });

    private static string Path(long id) => $"{RunbookPageEndpoints.PagePath}/{id}";

    private static IReadOnlyList<string> CardNames(IHtmlDocument page) =>
        page.QuerySelectorAll("li.runbook-step").Select(li => li.GetAttribute("data-step-name")!).ToList();

    /// <summary>Posts one of the step list's buttons as the page would: its antiforgery token and the stamp it shows.</summary>
    private static async Task<HttpResponseMessage> PressAsync(ConsoleClient console, long id, string action, params (string Name, string Value)[] fields)
    {
        var (_, page) = await console.GetPageAsync(Path(id));
        var token = ConsoleClient.AntiforgeryToken(page, $"{Path(id)}/steps/1/delete");
        var stamp = page.QuerySelector("input[name='stamp']")!.GetAttribute("value")!;
        var (response, _) = await console.PostAsync($"{Path(id)}/{action}",
            [new("__RequestVerificationToken", token), new("stamp", stamp), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        return response;
    }

    private static IReadOnlyList<string> Suggestions(IHtmlDocument page) =>
        page.QuerySelectorAll("#step-suggestions option").Select(o => o.GetAttribute("value")!).ToList();

    [Fact]
    public async Task Page_ShowsTheStepsInOrderAsCards_AndThePickerGroupedByCategoryWithDescriptions()
    {
        var id = await fixture.AddRunbookAsync("Cards", Tag("first", "a"), RunbookPagesHost.Step("second", "core.log", new { Message = "{{steps.first.a}}" }), Tag("third", "c"));
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (response, page) = await ops.GetPageAsync(Path(id));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        CardNames(page).Should().Equal("first", "second", "third");
        page.QuerySelector("#step-2 dd")!.TextContent.Should().Be("{{steps.first.a}}");
        page.QuerySelector("#step-1 .runbook-step-policy")!.TextContent.Should().Contain("Outputs: a.");
        page.QuerySelector("#step-1 button[aria-label='Move first up']")!.HasAttribute("disabled").Should().BeTrue("the first step cannot move up");
        page.QuerySelector("#step-3 button[aria-label='Move third down']")!.HasAttribute("disabled").Should().BeTrue();
        var groups = page.QuerySelectorAll("[data-module-group]").Select(g => g.GetAttribute("data-module-group")).ToList();
        groups.Should().ContainInOrder("Pool", "Directory", "Notify", "HTTP", "Wait", "Variables");
        var log = page.QuerySelector("a[data-module-key='core.log']")!;
        log.GetAttribute("href").Should().Be($"{Path(id)}?module=core.log#step-editor");
        log.ParentElement!.QuerySelector("p")!.TextContent.Should().Contain("Writes Message to the run's log");
    }

    [Fact]
    public async Task PickerChoice_RendersTheParameterFormFromTheModuleSchema()
    {
        var id = await fixture.AddRunbookAsync("Schema form", Tag("first", "a"));
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (_, page) = await ops.GetPageAsync($"{Path(id)}?module=http.request");

        var parameters = page.QuerySelectorAll("[data-step-parameter]").Select(p => p.GetAttribute("data-step-parameter")).ToList();
        parameters.Should().Equal("Url", "Method", "Headers", "Body", "ContentType", "ExpectStatus", "Capture", "SkipTlsValidation");
        page.QuerySelector("[data-step-parameter='Url'] .visually-hidden")!.TextContent.Should().Contain("required");
        page.QuerySelector("textarea[name='value.Headers']").Should().NotBeNull("a JSON parameter gets a text area");
        page.QuerySelector("[data-step-parameter='ExpectStatus'] .field-hint")!.TextContent.Should().Contain("Comma-separated status codes");
        page.QuerySelectorAll("select[name='bind.Url'] option").Select(o => o.GetAttribute("value")).Should().Equal("literal", "variable", "template");
    }

    [Fact]
    public async Task MoveDown_PersistsTheNewOrder_AndIsAudited()
    {
        var id = await fixture.AddRunbookAsync("Move", Tag("one", "a"), Tag("two", "b"), Tag("three", "c"));
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var response = await PressAsync(ops, id, "steps/1/move", ("direction", "down"));

        ConsoleClient.RedirectTarget(response).Should().Be($"{Path(id)}?done=moved#step-2");
        (await fixture.StepNamesAsync(id)).Should().Equal("two", "one", "three");
        var audit = await AccessFixtures.AuditAsync(fixture.Factory);
        audit.Should().Contain(e => e.Action == "runbook.updated" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Actor.Contains(RunbookPagesHost.Ops));
        var (_, page) = await ops.GetPageAsync(Path(id));
        CardNames(page).Should().Equal("two", "one", "three");
    }

    [Fact]
    public async Task SaveOrder_NamingEveryStepOnce_PersistsIt()
    {
        var id = await fixture.AddRunbookAsync("Order", Tag("one", "a"), Tag("two", "b"), Tag("three", "c"));
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var response = await PressAsync(ops, id, "order", ("order", "three,one,two"));

        ConsoleClient.RedirectTarget(response).Should().Be($"{Path(id)}?done=reordered");
        (await fixture.StepNamesAsync(id)).Should().Equal("three", "one", "two");
    }

    [Theory]
    [InlineData("one,two")]
    [InlineData("one,two,two")]
    [InlineData("one,two,four")]
    [InlineData("")]
    public async Task SaveOrder_NotNamingEveryStepOnce_IsRefusedAndChangesNothing(string order)
    {
        var id = await fixture.AddRunbookAsync("Bad order", Tag("one", "a"), Tag("two", "b"), Tag("three", "c"));
        var before = await fixture.RunbookAsync(id);
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var response = await PressAsync(ops, id, "order", ("order", order));

        var target = ConsoleClient.RedirectTarget(response);
        target.Should().StartWith($"{Path(id)}?error=");
        Uri.UnescapeDataString(target).Should().Contain("must name each of the 3 steps once");
        (await fixture.StepNamesAsync(id)).Should().Equal("one", "two", "three");
        (await fixture.RunbookAsync(id)).UpdatedAt.Should().Be(before.UpdatedAt);
    }

    [Fact]
    public async Task AnEdit_FromAPageThatIsOutOfDate_IsRefusedAndChangesNothing()
    {
        var id = await fixture.AddRunbookAsync("Stale", Tag("one", "a"), Tag("two", "b"));
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);
        var (_, page) = await ops.GetPageAsync(Path(id));
        var token = ConsoleClient.AntiforgeryToken(page, $"{Path(id)}/order");
        var stamp = page.QuerySelector("input[name='stamp']")!.GetAttribute("value")!;
        (await PressAsync(ops, id, "order", ("order", "two,one"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var (late, _) = await ops.PostAsync($"{Path(id)}/steps/1/move", [new("__RequestVerificationToken", token), new("stamp", stamp), new("direction", "down")]);

        Uri.UnescapeDataString(ConsoleClient.RedirectTarget(late)).Should().Contain("changed by someone else since this page was loaded");
        (await fixture.StepNamesAsync(id)).Should().Equal("two", "one");
    }

    [Theory]
    [InlineData(RunbookPagesHost.Desk)]
    [InlineData(RunbookPagesHost.Auditor)]
    public async Task HelpdeskAndAuditor_SeeTheStepsButCannotChangeThem(string username)
    {
        var id = await fixture.AddRunbookAsync("Read only", Tag("one", "a"), Tag("two", "b"));
        var reader = await fixture.ConsoleAsync(username);
        var (shown, page) = await reader.GetPageAsync($"{Path(id)}?module=core.log");
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        CardNames(page).Should().Equal("one", "two");
        page.QuerySelector(".runbook-step-actions").Should().BeNull("no Up, Down, Edit or Remove for a reader");
        page.QuerySelector("[data-module-key]").Should().BeNull("no picker for a reader");
        var token = ConsoleClient.AntiforgeryToken(page, "runbook-step");
        var stamp = page.QuerySelector("input[name='stamp']")!.GetAttribute("value")!;

        var (move, _) = await reader.PostAsync($"{Path(id)}/steps/1/move", [new("__RequestVerificationToken", token), new("stamp", stamp), new("direction", "down")]);
        var (order, _) = await reader.PostAsync($"{Path(id)}/order", [new("__RequestVerificationToken", token), new("stamp", stamp), new("order", "two,one")]);
        var (remove, _) = await reader.PostAsync($"{Path(id)}/steps/1/delete", [new("__RequestVerificationToken", token), new("stamp", stamp)]);
        var (add, refused) = await reader.SubmitAsync($"{Path(id)}?module=core.log", "runbook-step",
            new Dictionary<string, string> { ["name"] = "sneaky", ["value.Message"] = "hi", ["bind.Message"] = "literal" });

        move.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        order.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        remove.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        add.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.QuerySelector(".alert-error")!.TextContent.Should().Contain("takes the admin role");
        (await fixture.StepNamesAsync(id)).Should().Equal("one", "two");
    }

    [Fact]
    public async Task EveryPost_WithoutAnAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var id = await fixture.AddRunbookAsync("Forged", Tag("one", "a"), Tag("two", "b"));
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);
        var stamp = (await ops.GetPageAsync(Path(id))).Page.QuerySelector("input[name='stamp']")!.GetAttribute("value")!;

        var (move, _) = await ops.PostAsync($"{Path(id)}/steps/1/move", [new("stamp", stamp), new("direction", "down")]);
        var (order, _) = await ops.PostAsync($"{Path(id)}/order", [new("stamp", stamp), new("order", "two,one")]);
        var (remove, _) = await ops.PostAsync($"{Path(id)}/steps/1/delete", [new("stamp", stamp)]);
        var (add, _) = await ops.PostAsync($"{Path(id)}?module=core.log", [new("_handler", "runbook-step"), new("stamp", stamp), new("name", "forged"), new("value.Message", "x")]);
        var (start, _) = await ops.PostAsync($"{Path(id)}/start", []);

        move.StatusCode.Should().Be(HttpStatusCode.BadRequest, "move");
        order.StatusCode.Should().Be(HttpStatusCode.BadRequest, "order");
        remove.StatusCode.Should().Be(HttpStatusCode.BadRequest, "remove");
        add.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the step editor");
        start.StatusCode.Should().Be(HttpStatusCode.BadRequest, "run now");
        (await fixture.StepNamesAsync(id)).Should().Equal("one", "two");
        (await fixture.Host.Orders.QueryAsync(db => db.Set<RunbookRun>().Where(r => r.RunbookId == id))).Should().BeEmpty("a forged Run now starts nothing");
    }

    [Fact]
    public async Task AddStep_FromThePicker_WithAVariableAndALiteral_SavesTheirTemplatesAtTheEnd()
    {
        var id = await fixture.AddRunbookAsync("Add", Tag("first", "greeting"), Tag("second", "other"));
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (response, page) = await ops.SubmitAsync($"{Path(id)}?module=http.request", "runbook-step", new Dictionary<string, string>
        {
            ["name"] = "call",
            ["value.Url"] = "{{steps.first.greeting}}",
            ["bind.Url"] = "variable",
            ["value.Body"] = "literal {{braces}} stay",
            ["bind.Body"] = "literal",
            ["value.Method"] = "order-{{steps.second.other}}",
            ["bind.Method"] = "template",
            ["retries"] = "2",
            ["backoffSeconds"] = "1",
            ["timeoutSeconds"] = "15",
            ["critical"] = "true",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, page.QuerySelector(".alert-error")?.TextContent);
        ConsoleClient.RedirectTarget(response).Should().Be($"{Path(id)}?done=step");
        var step = (await fixture.RunbookAsync(id)).Steps.Single(s => s.Name == "call");
        step.Position.Should().Be(3);
        step.Module.Should().Be("http.request");
        step.Retries.Should().Be(2);
        step.TimeoutSeconds.Should().Be(15);
        step.AlwaysRun.Should().BeFalse();
        RunbookJson.Parameters(step.ParametersJson).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["Url"] = "{{steps.first.greeting}}",
            ["Body"] = "literal {{{{braces}} stay",
            ["Method"] = "order-{{steps.second.other}}",
        });

        var (_, edit) = await ops.GetPageAsync($"{Path(id)}?edit=3");
        edit.QuerySelector("input[name='value.Body']")!.GetAttribute("value").Should().Be("literal {{braces}} stay", "a literal reads back as typed");
        edit.QuerySelector("select[name='bind.Url'] option[selected]")!.GetAttribute("value").Should().Be("variable");
        edit.QuerySelector("select[name='bind.Method'] option[selected]")!.GetAttribute("value").Should().Be("template");
    }

    [Fact]
    public async Task AddStep_WithAnUnknownVariableOrAMissingRequiredParameter_ShowsClearErrors_KeepsTheInput_AndChangesNothing()
    {
        var id = await fixture.AddRunbookAsync("Refused", Tag("first", "a"));
        var before = await fixture.RunbookAsync(id);
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (unknown, page) = await ops.SubmitAsync($"{Path(id)}?module=core.log", "runbook-step", new Dictionary<string, string>
        {
            ["name"] = "say", ["value.Message"] = "{{vars.no_such_variable}}", ["bind.Message"] = "variable",
        });
        var (missing, waitPage) = await ops.SubmitAsync($"{Path(id)}?module=core.wait", "runbook-step", new Dictionary<string, string>
        {
            ["name"] = "pause", ["value.Seconds"] = "", ["bind.Seconds"] = "literal", ["retries"] = "many",
        });

        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.QuerySelector("[data-step-parameter='Message'] .field-error")!.TextContent
            .Should().Contain("{{vars.no_such_variable}} names no global variable");
        page.QuerySelector("input[name='value.Message']")!.GetAttribute("value").Should().Be("{{vars.no_such_variable}}", "the input is kept");
        page.QuerySelector("input[name='name']")!.GetAttribute("value").Should().Be("say");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        waitPage.QuerySelector("#step-retries-error")!.TextContent.Should().Contain("Retries is a whole number");
        var (missingOnly, requiredPage) = await ops.SubmitAsync($"{Path(id)}?module=core.wait", "runbook-step", new Dictionary<string, string>
        {
            ["name"] = "pause", ["value.Seconds"] = "", ["bind.Seconds"] = "literal",
        });
        missingOnly.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        requiredPage.QuerySelector("[data-step-parameter='Seconds'] .field-error")!.TextContent.Should().Contain("'Seconds' is required.");
        var after = await fixture.RunbookAsync(id);
        after.Steps.Select(s => s.Name).Should().Equal("first");
        after.UpdatedAt.Should().Be(before.UpdatedAt);
    }

    [Fact]
    public async Task Suggestions_OfferEarlierStepsOutputsAndVariables_NeverALaterStepsOutput()
    {
        var put = await fixture.Host.Api.PutAsJsonAsync("/api/v1/runbook-variables/editor_base_url", new { value = "https://example.com" });
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        var id = await fixture.AddRunbookAsync("Suggest", Tag("early", "a"), RunbookPagesHost.Step("middle", "core.log", new { Message = "x" }), Tag("late", "z"));
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (_, middle) = await ops.GetPageAsync($"{Path(id)}?edit=2");
        var (_, added) = await ops.GetPageAsync($"{Path(id)}?module=core.log");

        Suggestions(middle).Should().Contain(["{{steps.early.a}}", "{{vars.editor_base_url}}"]);
        Suggestions(middle).Should().NotContain(s => s.Contains("steps.late", StringComparison.Ordinal) || s.Contains("steps.middle", StringComparison.Ordinal));
        Suggestions(middle).Should().NotContain(s => s.StartsWith("{{order.", StringComparison.Ordinal), "a standalone runbook runs without an order");
        Suggestions(added).Should().Contain(["{{steps.early.a}}", "{{steps.late.z}}"], "a new step is added after every existing one");

        var (saved, refused) = await ops.SubmitAsync($"{Path(id)}?edit=2", "runbook-step", new Dictionary<string, string>
        {
            ["name"] = "middle", ["value.Message"] = "{{steps.late.z}}", ["bind.Message"] = "variable",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.QuerySelector("[data-step-parameter='Message'] .field-error")!.TextContent.Should().Contain("reads a step that does not run before this one");
        RunbookJson.Parameters((await fixture.RunbookAsync(id)).Steps.Single(s => s.Name == "middle").ParametersJson)
            .Should().ContainSingle().Which.Value.Should().Be("x", "the refused edit changed nothing");
    }

    [Fact]
    public async Task Suggestions_OfAnAssetBoundRunbook_IncludeTheOrderAndItsAsset()
    {
        var type = await fixture.Host.Orders.AddTypeAsync(RunbookPagesHost.Unique("Editor type"));
        var id = await fixture.Host.AddRunbookAsync(new { name = RunbookPagesHost.Unique("Bound"), assetTypeId = type.Id, action = "provision", steps = new[] { Tag("first", "a") } });
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (_, page) = await ops.GetPageAsync($"{Path(id)}?module=core.log");

        Suggestions(page).Should().Contain(["{{steps.first.a}}", "{{order.id}}", "{{order.requester_email}}", "{{asset.name}}"]);
    }

    [Fact]
    public async Task RemoveStep_ThatALaterStepReads_IsRefused_AndAnUnreadOneIsRemoved()
    {
        var id = await fixture.AddRunbookAsync("Remove", Tag("source", "a"), RunbookPagesHost.Step("reader", "core.log", new { Message = "{{steps.source.a}}" }), Tag("spare", "s"));
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var refused = await PressAsync(ops, id, "steps/1/delete");
        Uri.UnescapeDataString(ConsoleClient.RedirectTarget(refused)).Should().Contain("{{steps.source.a}} reads a step that does not run before this one");
        (await fixture.StepNamesAsync(id)).Should().Equal("source", "reader", "spare");

        var removed = await PressAsync(ops, id, "steps/3/delete");
        ConsoleClient.RedirectTarget(removed).Should().Be($"{Path(id)}?done=removed");
        (await fixture.StepNamesAsync(id)).Should().Equal("source", "reader");
    }

    [Fact]
    public async Task NewRunbook_FromTheListPage_IsCreatedEmptyAndAudited_AndANameTakenIsRefused()
    {
        var name = RunbookPagesHost.Unique("Created");
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);
        var fields = new Dictionary<string, string> { ["name"] = name, ["description"] = "made by hand", ["assetTypeId"] = "", ["action"] = "provision" };

        var (created, _) = await ops.SubmitAsync(RunbookPageEndpoints.PagePath, $"{RunbookPageEndpoints.PagePath}/new", fields);

        var target = ConsoleClient.RedirectTarget(created);
        target.Should().MatchRegex(@"^/ui/runbooks/\d+\?done=created$");
        var id = long.Parse(target["/ui/runbooks/".Length..target.IndexOf('?', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var runbook = await fixture.RunbookAsync(id);
        runbook.Name.Should().Be(name);
        runbook.IsStandalone.Should().BeTrue();
        runbook.Steps.Should().BeEmpty();
        (await AccessFixtures.AuditAsync(fixture.Factory)).Should().Contain(e => e.Action == "runbook.created" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (taken, _) = await ops.SubmitAsync(RunbookPageEndpoints.PagePath, $"{RunbookPageEndpoints.PagePath}/new", fields);
        Uri.UnescapeDataString(ConsoleClient.RedirectTarget(taken)).Should().StartWith($"{RunbookPageEndpoints.PagePath}?error=").And.Contain($"Another runbook is called '{name}'");

        var desk = await fixture.ConsoleAsync(RunbookPagesHost.Desk);
        (await desk.GetPageAsync(RunbookPageEndpoints.PagePath)).Page.QuerySelector(".runbook-new-form").Should().BeNull();
    }
}
