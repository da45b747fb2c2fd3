using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using IpSolis.Server.Features.Runbooks;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>
/// The settings form of the runbook page (name, description, active, trigger, skip-if-running) through the real host:
/// it shows the saved values, saves through the API's update with its audit row and its schedule preview, and every
/// refusal (bad cron, unknown zone, bad or taken name, roles, antiforgery, a page out of date) changes nothing.
/// </summary>
public sealed class RunbookPagesSettingsTests(RunbookPagesHost fixture) : IClassFixture<RunbookPagesHost>
{
    private const string Form = "runbook-settings";

    private static string Path(long id) => $"{RunbookPageEndpoints.PagePath}/{id}";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<long> AddScheduledAsync(string name) => fixture.Host.AddRunbookAsync(new
    {
        name = RunbookPagesHost.Unique(name), description = "nightly <b>clean-up</b>", cronExpression = "0 3 * * *", timeZone = "Europe/Berlin",
        scheduleEnabled = true, skipIfRunning = false, steps = new[] { RunbookPagesHost.Step("one", "core.log", new { Message = "hi" }) },
    });

    /// <summary>Every field of a valid edit; a test replaces the ones it is about.</summary>
    private static Dictionary<string, string> Fields(string name, params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["name"] = name, ["description"] = "changed", ["isActive"] = "true", ["trigger"] = "schedule",
            ["cronExpression"] = "30 2 * * *", ["timeZone"] = "Asia/Tokyo", ["skipIfRunning"] = "true",
        };
        foreach (var (key, value) in changes)
            fields[key] = value;
        return fields;
    }

    /// <summary>What the form edits, plus the version and the next tick, to prove a refusal left the row alone.</summary>
    private async Task<object> RowAsync(long id)
    {
        var r = await fixture.RunbookAsync(id);
        return new { r.Name, r.Description, r.IsActive, r.CronExpression, r.TimeZone, r.ScheduleEnabled, r.SkipIfRunning, r.NextRunAt, r.UpdatedAt, r.AssetTypeId, r.Action, steps = r.Steps.Count };
    }

    private async Task<int> AuditRowsAsync(long id) =>
        (await AccessFixtures.AuditAsync(fixture.Factory)).Count(e => e.EntityType == "runbook" && e.EntityId == Id(id));

    private static string? Value(IHtmlDocument page, string selector) => page.QuerySelector(selector)?.GetAttribute("value");

    [Fact]
    public async Task Page_ShowsTheSettingsFormWithTheSavedValues_EscapedAndWithTheNextThreeRuns()
    {
        var id = await AddScheduledAsync("Shown");
        var saved = await fixture.RunbookAsync(id);
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (response, page) = await ops.GetPageAsync(Path(id));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ConsoleClient.FindForm(page, Form).Should().NotBeNull();
        Value(page, "#settings-name").Should().Be(saved.Name);
        Value(page, "#settings-description").Should().Be("nightly <b>clean-up</b>", "the value is shown as typed");
        page.QuerySelector("#settings b").Should().BeNull("user text is escaped, never markup");
        Value(page, "#settings-cron").Should().Be("0 3 * * *");
        Value(page, "#settings-zone").Should().Be("Europe/Berlin");
        page.QuerySelector("input[name='trigger'][value='schedule']")!.HasAttribute("checked").Should().BeTrue();
        page.QuerySelector("input[name='trigger'][value='manual']")!.HasAttribute("checked").Should().BeFalse();
        page.QuerySelector("input[name='isActive']")!.HasAttribute("checked").Should().BeTrue();
        page.QuerySelector("input[name='skipIfRunning']")!.HasAttribute("checked").Should().BeFalse();
        var fires = page.QuerySelectorAll("[data-next-fires] li").Select(li => li.TextContent).ToList();
        fires.Should().HaveCount(3).And.OnlyContain(f => f.Contains("03:00 (+01:00)") || f.Contains("03:00 (+02:00)"), "03:00 on Berlin's clock");
        page.QuerySelector("[data-next-fires]")!.TextContent.Should().Contain("Europe/Berlin");
    }

    [Fact]
    public async Task SaveSettings_WithValidValues_UpdatesTheRow_WritesAnAuditRow_AndPreviewsTheNextRunsInTheZone()
    {
        var id = await AddScheduledAsync("Saved");
        var name = RunbookPagesHost.Unique("Renamed");
        var before = await AuditRowsAsync(id);
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (response, refused) = await ops.SubmitAsync(Path(id), Form, Fields(name, ("isActive", "")));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, refused.QuerySelector(".alert-error")?.TextContent);
        response.Headers.Location!.OriginalString.Should().EndWith($"{Path(id)}?done=settings#settings", "back to the settings card");
        var row = await fixture.RunbookAsync(id);
        row.Name.Should().Be(name);
        row.Description.Should().Be("changed");
        row.IsActive.Should().BeFalse("an unchecked box posts nothing");
        row.CronExpression.Should().Be("30 2 * * *");
        row.TimeZone.Should().Be("Asia/Tokyo");
        row.ScheduleEnabled.Should().BeTrue();
        row.SkipIfRunning.Should().BeTrue();
        row.NextRunAt.Should().NotBeNull();
        TimeZoneInfo.ConvertTime(row.NextRunAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).TimeOfDay.Should().Be(new TimeSpan(2, 30, 0));
        row.Steps.Select(s => s.Name).Should().Equal("one");
        (await AuditRowsAsync(id)).Should().Be(before + 1);
        var audit = (await AccessFixtures.AuditAsync(fixture.Factory)).Last(e => e.EntityType == "runbook" && e.EntityId == Id(id));
        audit.Action.Should().Be("runbook.updated");
        audit.Actor.Should().Contain(RunbookPagesHost.Ops);
        audit.OldValues.Should().Contain("0 3 * * *").And.Contain("nightly");
        audit.NewValues.Should().Contain("30 2 * * *").And.Contain("Asia/Tokyo").And.Contain("changed");

        var (_, page) = await ops.GetPageAsync($"{Path(id)}?done=settings");
        page.QuerySelector("#settings .alert-success")!.TextContent.Should().Contain("The settings are saved.");
        page.QuerySelectorAll("[data-next-fires] li").Select(li => li.TextContent).Should().HaveCount(3).And.OnlyContain(f => f.EndsWith("02:30 (+09:00)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveSettings_ByHand_TurnsTheScheduleOff_AndKeepsTheExpression()
    {
        var id = await AddScheduledAsync("Paused");
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (response, _) = await ops.SubmitAsync(Path(id), Form, Fields(RunbookPagesHost.Unique("Paused"), ("trigger", "manual")));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var row = await fixture.RunbookAsync(id);
        row.ScheduleEnabled.Should().BeFalse();
        row.NextRunAt.Should().BeNull("a schedule that is off does not fire");
        row.CronExpression.Should().Be("30 2 * * *");
        var (_, page) = await ops.GetPageAsync(Path(id));
        page.QuerySelector("input[name='trigger'][value='manual']")!.HasAttribute("checked").Should().BeTrue();
        page.QuerySelector("[data-next-fires]")!.TextContent.Should().Contain("The schedule is off");
    }

    [Theory]
    [InlineData("cronExpression", "61 * * * *", "#settings-cron-error", "is not a valid cron expression")]
    [InlineData("cronExpression", "* * * *", "#settings-cron-error", "Use five cron fields")]
    [InlineData("cronExpression", "", "#settings-cron-error", "A schedule needs a cron expression.")]
    [InlineData("timeZone", "Mars/Olympus_Mons", "#settings-zone-error", "'Mars/Olympus_Mons' is not a known IANA time zone")]
    [InlineData("name", "", "#settings-name-error", "A runbook needs a name")]
    [InlineData("name", "   ", "#settings-name-error", "A runbook needs a name")]
    public async Task SaveSettings_WithAnInvalidValue_ShowsItsErrorAtTheField_KeepsTheInput_AndChangesNothing(string field, string value, string errorAt, string message)
    {
        var id = await AddScheduledAsync("Invalid");
        var before = await RowAsync(id);
        var audited = await AuditRowsAsync(id);
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (response, page) = await ops.SubmitAsync(Path(id), Form, Fields(RunbookPagesHost.Unique("Invalid"), (field, value)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.QuerySelector(errorAt)!.TextContent.Should().Contain(message);
        page.QuerySelector("#settings .alert-error")!.TextContent.Should().Contain("The settings were not saved");
        page.QuerySelector($"#settings input[name='{field}']")!.GetAttribute("aria-invalid").Should().Be("true");
        page.QuerySelector($"#settings input[name='{field}']")!.GetAttribute("value").Should().Be(value, "what was typed is kept");
        (await RowAsync(id)).Should().BeEquivalentTo(before);
        (await AuditRowsAsync(id)).Should().Be(audited);
    }

    [Fact]
    public async Task SaveSettings_WithAnotherRunbooksName_IsRefusedAtTheName_AndChangesNothing()
    {
        var taken = (await fixture.RunbookAsync(await fixture.AddRunbookAsync("Taken"))).Name;
        var id = await AddScheduledAsync("Duplicate");
        var before = await RowAsync(id);
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);

        var (response, page) = await ops.SubmitAsync(Path(id), Form, Fields(taken));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        page.QuerySelector("#settings-name-error")!.TextContent.Should().Contain($"Another runbook is called '{taken}'.");
        (await RowAsync(id)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task SaveSettings_FromAPageThatIsOutOfDate_IsRefusedAgainUntilReloaded_AndKeepsTheOtherChange()
    {
        var id = await AddScheduledAsync("Stale");
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);
        var (_, old) = await ops.GetPageAsync(Path(id));
        var token = ConsoleClient.AntiforgeryToken(old, Form);
        var stamp = ConsoleClient.FindForm(old, Form)!.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "stamp").Value;
        var first = RunbookPagesHost.Unique("First");
        (await ops.SubmitAsync(Path(id), Form, Fields(first))).Response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var afterFirst = await RowAsync(id);
        var late = Fields(RunbookPagesHost.Unique("Late"), ("cronExpression", "0 12 * * *"));

        var (refused, page) = await ops.PostAsync(Path(id), [new("_handler", Form), new("__RequestVerificationToken", token), new("stamp", stamp), .. late]);

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        page.QuerySelector("#settings .alert-error")!.TextContent.Should().Contain("changed by someone else since this page was loaded");
        var kept = ConsoleClient.FindForm(page, Form)!.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "stamp").Value;
        kept.Should().Be(stamp, "sending the same form again must be refused again");
        var (again, _) = await ops.PostAsync(Path(id), [new("_handler", Form), new("__RequestVerificationToken", ConsoleClient.AntiforgeryToken(page, Form)), new("stamp", kept), .. late]);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await RowAsync(id)).Should().BeEquivalentTo(afterFirst);
        (await fixture.RunbookAsync(id)).Name.Should().Be(first);
    }

    [Fact]
    public async Task SaveSettings_WithoutOrWithAForgedAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var id = await AddScheduledAsync("Forged");
        var before = await RowAsync(id);
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);
        var stamp = Value((await ops.GetPageAsync(Path(id))).Page, "#settings input[name='stamp']")!;
        var fields = Fields(RunbookPagesHost.Unique("Forged"));

        var (missing, _) = await ops.PostAsync(Path(id), [new("_handler", Form), new("stamp", stamp), .. fields]);
        var (forged, _) = await ops.PostAsync(Path(id), [new("_handler", Form), new("__RequestVerificationToken", "CfDJ8forged-token"), new("stamp", stamp), .. fields]);

        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await RowAsync(id)).Should().BeEquivalentTo(before);
    }

    [Theory]
    [InlineData(RunbookPagesHost.Desk)]
    [InlineData(RunbookPagesHost.Auditor)]
    public async Task HelpdeskAndAuditor_SeeTheSettingsButCannotChangeThem(string username)
    {
        var id = await AddScheduledAsync("Readers");
        var before = await RowAsync(id);
        var reader = await fixture.ConsoleAsync(username);

        var (shown, page) = await reader.GetPageAsync(Path(id));
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#settings fieldset")!.HasAttribute("disabled").Should().BeTrue();
        page.QuerySelector("#settings button[type='submit']").Should().BeNull();
        var (response, refused) = await reader.SubmitAsync(Path(id), Form, Fields(RunbookPagesHost.Unique("Sneaky")));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.QuerySelector("#settings .alert-error")!.TextContent.Should().Contain("takes the admin role");
        (await RowAsync(id)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task SaveSettings_OfAnAssetBoundRunbook_ChangesItsNameButNeverItsBinding()
    {
        var type = await fixture.Host.Orders.AddTypeAsync(RunbookPagesHost.Unique("Settings type"));
        var id = await fixture.Host.AddRunbookAsync(new { name = RunbookPagesHost.Unique("Bound"), assetTypeId = type.Id, action = "provision", steps = Array.Empty<object>() });
        var ops = await fixture.ConsoleAsync(RunbookPagesHost.Ops);
        var (_, page) = await ops.GetPageAsync(Path(id));
        page.QuerySelector("#settings input[name='cronExpression']").Should().BeNull("only a standalone runbook has a schedule");
        var name = RunbookPagesHost.Unique("Rebound");

        var (response, _) = await ops.SubmitAsync(Path(id), Form, new Dictionary<string, string> { ["name"] = name, ["isActive"] = "true" },
            [new("assetTypeId", ""), new("action", "deprovision"), new("cronExpression", "* * * * *"), new("trigger", "schedule")]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var row = await fixture.RunbookAsync(id);
        row.Name.Should().Be(name);
        row.AssetTypeId.Should().Be(type.Id);
        row.Action.Should().Be(IpSolis.Domain.Runbooks.RunbookAction.Provision);
        row.ScheduleEnabled.Should().BeFalse();
        row.CronExpression.Should().BeNull();
    }
}
