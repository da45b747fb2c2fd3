using IpSolis.Browser.Tests.Infrastructure;
using IpSolis.Server.Features.Runbooks;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IpSolis.Browser.Tests.Admin;

/// <summary>
/// The runbook editor in a real browser: steps reordered by keyboard and by drag and drop and saved, a step added
/// from the module picker with a parameter bound to an earlier step's output, the script editor's line numbers and
/// its test run; and the runbook pages at phone width and in dark mode without console errors.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class RunbookEditorBrowserTests(UiFixture fixture)
{
    private static readonly AuditActor Seeder = AuditActor.System("browser-test");

    private IServiceProvider Services => fixture.Server.Services;

    private static RunbookStepRequest Step(string name, string module, Dictionary<string, string> parameters) =>
        new(name, module, null, parameters, true, 0, 0, 30, false);

    private static RunbookStepRequest Log(string name) => Step(name, "core.log", new() { ["Message"] = "step " + name });

    private async Task<long> AddRunbookAsync(params RunbookStepRequest[] steps)
    {
        var name = "Editor " + Guid.NewGuid().ToString("N")[..8];
        var saved = await Services.GetRequiredService<RunbookAdministration>().SaveRunbookAsync(null,
            new RunbookRequest(name, "A runbook for the editor test.", null, null, true, null, null, null, null, steps), Seeder, CancellationToken.None);
        saved.Succeeded.Should().BeTrue(string.Join("; ", saved.Errors.Select(e => e.Message)));
        return saved.Value.Id;
    }

    private async Task<long> AddModuleAsync(string content)
    {
        var saved = await Services.GetRequiredService<RunbookAdministration>().SaveScriptModuleAsync(null,
            new ScriptModuleRequest("Browser - " + Guid.NewGuid().ToString("N")[..8], "Says hello.", "bash", content, [new("Name", Domain.Runbooks.ParameterType.String, Default: "Ann")], true),
            Seeder, CancellationToken.None);
        saved.Succeeded.Should().BeTrue(string.Join("; ", saved.Errors.Select(e => e.Message)));
        return saved.Value.Id;
    }

    private async Task<List<RunbookStep>> SavedStepsAsync(long id)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>().CreateDbContextAsync();
        return await db.Set<RunbookStep>().AsNoTracking().Where(s => s.RunbookId == id).OrderBy(s => s.Position).ToListAsync();
    }

    private static async Task<IReadOnlyList<string>> CardNamesAsync(IPage page) =>
        await page.Locator("li.runbook-step").EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('data-step-name'))");

    private static async Task SaveOrderAsync(IPage page)
    {
        (await page.Locator("[data-runbook-order]").IsVisibleAsync()).Should().BeTrue("a changed order offers to save it");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save order" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=reordered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Steps_ReorderedByKeyboard_AreSaved_AndAReloadShowsTheNewOrder()
    {
        var id = await AddRunbookAsync(Log("alpha"), Log("bravo"), Log("charlie"));
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        var page = watched.Page;
        await watched.GoToAsync($"/ui/runbooks/{id}");
        var announce = page.Locator("[data-runbook-announce]");

        // Alt+Arrow Down moves at once.
        await page.Locator("[data-step-name='alpha'] [data-step-handle]").FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        (await CardNamesAsync(page)).Should().Equal("bravo", "alpha", "charlie");
        await Assertions.Expect(announce).ToContainTextAsync("Moved step alpha to position 2 of 3");
        // Space picks up, arrows move, Space drops; the keyboard stays on the handle throughout.
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(announce).ToContainTextAsync("Picked up step alpha");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(announce).ToContainTextAsync("Dropped step alpha at position 3 of 3");
        (await page.EvaluateAsync<string>("document.activeElement.closest('li').getAttribute('data-step-name')")).Should().Be("alpha");
        (await page.Locator("[data-step-position]").AllTextContentsAsync()).Should().Equal("1", "2", "3");

        await SaveOrderAsync(page);

        (await SavedStepsAsync(id)).Select(s => s.Name).Should().Equal("bravo", "charlie", "alpha");
        await watched.GoToAsync($"/ui/runbooks/{id}");
        (await CardNamesAsync(page)).Should().Equal("bravo", "charlie", "alpha");
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task Steps_ReorderedByDragAndDrop_AreSaved_AndEscapePutsAPickedUpStepBack()
    {
        var id = await AddRunbookAsync(Log("xray"), Log("yankee"), Log("zulu"));
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        var page = watched.Page;
        await watched.GoToAsync($"/ui/runbooks/{id}");

        // A pick-up cancelled with Escape changes nothing.
        await page.Locator("[data-step-name='xray'] [data-step-handle]").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Escape");
        (await CardNamesAsync(page)).Should().Equal("xray", "yankee", "zulu");
        (await page.Locator("[data-runbook-order]").IsHiddenAsync()).Should().BeTrue("the order is unchanged");

        // Drag zulu by its handle onto the upper half of xray's card.
        await page.Locator("[data-step-name='zulu'] [data-step-handle]").DragToAsync(page.Locator("[data-step-name='xray']"),
            new() { TargetPosition = new() { X = 40, Y = 4 } });
        (await CardNamesAsync(page)).Should().Equal("zulu", "xray", "yankee");

        await SaveOrderAsync(page);

        (await SavedStepsAsync(id)).Select(s => s.Name).Should().Equal("zulu", "xray", "yankee");
        await watched.GoToAsync($"/ui/runbooks/{id}");
        (await CardNamesAsync(page)).Should().Equal("zulu", "xray", "yankee");
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task AddStep_FromThePicker_BoundToAnEarlierStepsOutput_IsSaved_AtPhoneWidthInDarkMode()
    {
        var id = await AddRunbookAsync(Step("prefix", "core.set_variable", new() { ["Name"] = "tag", ["Value"] = "hello" }), Log("middle"));
        await using var watched = await WatchedPage.OpenAsync(fixture, 375, ColorScheme.Dark);
        var page = watched.Page;
        await watched.GoToAsync($"/ui/runbooks/{id}");

        await page.Locator("[data-module-group='Core'] a[data-module-key='core.log']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("module=core.log", StringComparison.Ordinal));
        var editor = page.Locator("[data-step-editor]");
        (await editor.Locator("[data-step-parameter]").CountAsync()).Should().Be(1, "core.log takes Message only");
        await editor.Locator("#step-name").FillAsync("greet");
        await editor.Locator("select[name='bind.Message']").SelectOptionAsync("variable");
        var message = editor.Locator("input[name='value.Message']");
        (await message.GetAttributeAsync("list")).Should().Be("step-suggestions");
        var offered = await page.Locator("#step-suggestions option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        offered.Should().Contain("{{steps.prefix.tag}}");
        offered.Should().NotContain(o => o.Contains("steps.greet", StringComparison.Ordinal));
        await message.FillAsync("{{steps.prefix.tag}}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add step" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=step", StringComparison.Ordinal));

        var saved = await SavedStepsAsync(id);
        saved.Select(s => s.Name).Should().Equal("prefix", "middle", "greet");
        RunbookJson.Parameters(saved[2].ParametersJson)["Message"].Should().Be("{{steps.prefix.tag}}");
        await watched.GoToAsync($"/ui/runbooks/{id}");
        (await CardNamesAsync(page)).Should().Equal("prefix", "middle", "greet");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth")).Should().BeLessThanOrEqualTo(0);
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task ScriptEditor_LineNumbersFollowTyping_TabIndents_AndTheTestRunShowsTheOutput()
    {
        var id = await AddModuleAsync("#!/usr/bin/env bash\necho \"hello $Name\" >&2\necho '{\"greeting\":\"hi\"}'");
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        var page = watched.Page;
        await watched.GoToAsync($"/ui/runbooks/modules/{id}");
        var gutter = page.Locator("[data-code-gutter]");
        var script = page.Locator("#module-content");
        (await gutter.TextContentAsync())!.Trim().Split('\n').Should().Equal("1", "2", "3");

        await script.FocusAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("# indented");
        await page.Keyboard.PressAsync("Enter");

        (await gutter.TextContentAsync())!.Trim().Split('\n').Should().Equal("1", "2", "3", "4", "5");
        (await script.InputValueAsync()).Should().EndWith("\n    # indented\n", "Tab indents by four spaces instead of leaving the field");
        (await page.EvaluateAsync<string>("document.activeElement.id")).Should().Be("module-content");

        await page.Locator("#test-parameters").FillAsync("{\"Name\":\"Bo\"}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run once" }).ClickAsync();
        var result = page.Locator("[data-test-result]");
        await Assertions.Expect(result).ToBeVisibleAsync();
        (await result.Locator("[data-test-exit]").TextContentAsync()).Should().Be("0");
        (await result.Locator("[data-test-outputs]").TextContentAsync()).Should().Be("{\"greeting\":\"hi\"}");
        (await result.Locator("[data-test-stderr]").TextContentAsync()).Should().Contain("hello Bo");
        (await result.Locator("[data-test-duration]").TextContentAsync()).Should().MatchRegex(@"^\d+ ms$");
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task Settings_ScheduleEditedOnThePage_ShowsAnUnknownZoneAtItsField_ThenSavesAndPreviewsTheNextRuns_AtPhoneWidth()
    {
        var id = await AddRunbookAsync(Log("only"));
        await using var watched = await WatchedPage.OpenAsync(fixture, 375);
        var page = watched.Page;
        await watched.GoToAsync($"/ui/runbooks/{id}");
        var settings = page.Locator("[data-runbook-settings]");

        await settings.Locator("input[name='trigger'][value='schedule']").CheckAsync();
        await settings.Locator("#settings-cron").FillAsync("15 6 * * 1-5");
        await settings.Locator("#settings-zone").FillAsync("Europe/Nowhere");
        // The refused save answers 400 on purpose; the good one after it must still redirect to done=settings.
        watched.ExpectErrorStatusFor($"/ui/runbooks/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.Locator("#settings-zone-error")).ToContainTextAsync("'Europe/Nowhere' is not a known IANA time zone");
        (await page.Locator("#settings-cron").InputValueAsync()).Should().Be("15 6 * * 1-5", "the typed input is kept");

        await page.Locator("#settings-zone").FillAsync("America/New_York");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=settings", StringComparison.Ordinal));

        await using (var db = await Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>().CreateDbContextAsync())
        {
            var saved = await db.Set<Runbook>().AsNoTracking().SingleAsync(r => r.Id == id);
            saved.CronExpression.Should().Be("15 6 * * 1-5");
            saved.TimeZone.Should().Be("America/New_York");
            saved.ScheduleEnabled.Should().BeTrue();
        }

        (await page.Locator("#settings-cron").InputValueAsync()).Should().Be("15 6 * * 1-5");
        (await page.Locator("#settings-zone").InputValueAsync()).Should().Be("America/New_York");
        var fires = await page.Locator("[data-next-fires] li").AllTextContentsAsync();
        fires.Should().HaveCount(3).And.OnlyContain(f => f.Contains("06:15 (-0", StringComparison.Ordinal), "06:15 on New York's clock");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth")).Should().BeLessThanOrEqualTo(0);
        watched.ShouldHaveNoProblems();
    }

    public static TheoryData<string, int, string> Matrix()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var which in new[] { "list", "runbook", "editor", "module" })
        foreach (var width in new[] { 375, 1440 })
        foreach (var scheme in new[] { "light", "dark" })
            data.Add(which, width, scheme);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task RunbookPages_RenderWithoutErrorsOrSidewaysScrolling(string which, int width, string scheme)
    {
        var id = await AddRunbookAsync(Step("reserve_a_rather_long_step_name_for_a_phone", "core.set_variable", new() { ["Name"] = "tag", ["Value"] = "x" }), Log("second"));
        var module = await AddModuleAsync("echo '{}'");
        await using var watched = await WatchedPage.OpenAsync(fixture, width, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        var path = which switch
        {
            "list" => "/ui/runbooks",
            "runbook" => $"/ui/runbooks/{id}",
            "editor" => $"/ui/runbooks/{id}?module=http.request",
            _ => $"/ui/runbooks/modules/{module}",
        };

        var response = await watched.GoToAsync(path);

        response.Status.Should().Be(200);
        var page = watched.Page;
        (await page.Locator("h1").First.IsVisibleAsync()).Should().BeTrue();
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "nothing may force sideways scrolling of the whole page");
        var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        background.Should().Be(scheme == "dark" ? "rgb(14, 17, 22)" : "rgb(245, 246, 248)");
        await watched.ScreenshotAsync($"runbooks-{which}-{width}-{scheme}");
        watched.ShouldHaveNoProblems();
    }
}
