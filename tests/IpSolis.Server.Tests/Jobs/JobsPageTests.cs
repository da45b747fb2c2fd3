using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Jobs;

/// <summary>The operators' jobs page through the real host: who sees what, and "run now" as a form post.</summary>
public sealed class JobsPageTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Admin_SeesQueuesAndSchedules_AndRunsAScheduleNow_WithPostRedirectGet()
    {
        await AccessFixtures.AddUserAsync(_factory, "ops.admin", AdminRole.Admin);
        using var console = ConsoleClient.For(_factory);
        await console.SignInAsync("ops.admin", AccessFixtures.Password);

        var form = await WaitForRunNowFormAsync(console);
        var token = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Single(i => i.Name == "__RequestVerificationToken").Value;
        var (posted, _) = await console.PostAsync(form.GetAttribute("action")!, [new("__RequestVerificationToken", token)]);

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(posted).Should().StartWith("/ui/jobs?");
        var (after, page) = await console.GetPageAsync(ConsoleClient.RedirectTarget(posted));
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".alert")!.TextContent.Should().Contain("jobs.retention");

        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<AuditEntry>().CountAsync(a => a.Action == "job_schedule.run_now" && a.Actor.StartsWith("admin:session:ops.admin"))).Should().Be(1);
    }

    [Fact]
    public async Task Helpdesk_SeesTheJobs_ButNoActions()
    {
        await AccessFixtures.AddUserAsync(_factory, "desk.person", AdminRole.Helpdesk);
        using var console = ConsoleClient.For(_factory);
        await console.SignInAsync("desk.person", AccessFixtures.Password);

        var (response, page) = await console.GetPageAsync("/ui/jobs");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Should().Be("Jobs");
        page.QuerySelectorAll("form[action^='/ui/jobs/']").Should().BeEmpty("helpdesk may look but not act");
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        using var console = ConsoleClient.For(_factory);

        var (response, _) = await console.GetPageAsync("/ui/jobs");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(response).Should().StartWith("/ui/login");
    }

    /// <summary>The scheduler copies the built-in schedules into the database shortly after start.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlFormElement> WaitForRunNowFormAsync(ConsoleClient console)
    {
        AngleSharp.Html.Dom.IHtmlFormElement? form = null;
        await WorkerNodes.WaitUntilAsync(async () =>
        {
            var (response, page) = await console.GetPageAsync("/ui/jobs");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            form = page.QuerySelectorAll("form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>()
                .FirstOrDefault(f => f.GetAttribute("action") == "/ui/jobs/schedules/jobs.retention/run");
            return form is not null;
        }, TimeSpan.FromSeconds(20), "the retention schedule's run-now form");
        return form!;
    }
}
