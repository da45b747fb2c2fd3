using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Features.Backups;
using IpSolis.Server.Features.Maintenance;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IpSolis.Server.Tests.Backups;

/// <summary><c>/ui/maintenance/backups</c>: an admin takes a backup and watches it finish; only a superadmin
/// restores (after typing the file name) or switches maintenance mode; forms need antiforgery.</summary>
public sealed class BackupsPageTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Backups:DrainSeconds"] = "0" };
        if (TestEnvironment.UsePostgres)
            settings["Backups:PostgresBinDirectory"] = TestEnvironment.PostgresBin;
        _factory = await IpSolisFactory.CreateAsync(settings);
        await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        await AccessFixtures.AddUserAsync(_factory, "ops", AdminRole.Admin);
        await AccessFixtures.AddUserAsync(_factory, "desk", AdminRole.Helpdesk);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<ConsoleClient> SignInAsync(string username)
    {
        var console = ConsoleClient.For(_factory);
        await console.SignInAsync(username, AccessFixtures.Password);
        return console;
    }

    private async Task<string> WaitForOperationAsync(ConsoleClient console, string location)
    {
        for (var i = 0; i < 300; i++)
        {
            // While PostgreSQL's schema is being replaced the page itself cannot load (no session table): keep polling.
            var (_, page) = await console.GetPageAsync(location);
            if (page.QuerySelector("[data-backup-operation]") is { } operation && page.QuerySelector("[data-backup-operation] progress") is null)
                return operation.TextContent;
            await Task.Delay(200);
        }

        throw new TimeoutException("The backup operation did not finish.");
    }

    [Fact]
    public async Task Admin_TakesABackup_SeesItFinishAndListed_ButCannotRestore()
    {
        using var console = await SignInAsync("ops");

        var (created, _) = await console.SubmitAsync(BackupsEndpoints.PagePath, BackupsEndpoints.PagePath + "/create",
            new Dictionary<string, string> { ["passphrase"] = "", ["passphraseRepeat"] = "" });

        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = ConsoleClient.RedirectTarget(created);
        location.Should().StartWith(BackupsEndpoints.PagePath + "?op=");
        (await WaitForOperationAsync(console, location)).Should().Contain("created");
        var (_, page) = await console.GetPageAsync(BackupsEndpoints.PagePath);
        var name = (await _factory.Services.GetRequiredService<Features.Backups.Backups>().ListAsync(CancellationToken.None)).Single().Name;
        page.Body!.TextContent.Should().Contain(name);
        page.QuerySelectorAll($"form[action='{BackupsEndpoints.PagePath}/restore']").Should().BeEmpty("only a superadmin restores");

        var (forbidden, _) = await console.PostAsync(BackupsEndpoints.PagePath + "/restore", [new("name", name), new("confirm", name),
            new("__RequestVerificationToken", ConsoleClient.AntiforgeryToken(page, BackupsEndpoints.PagePath + "/create"))]);
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Superadmin_RestoreNeedsTheTypedName_ThenRunsAndReports()
    {
        // Signed in before the backup: the restored database still holds this session.
        using var console = await SignInAsync("root");
        var backups = _factory.Services.GetRequiredService<Features.Backups.Backups>();
        var backup = (await backups.CreateAsync(Features.Backups.Backups.ManualTrigger, null, Platform.Audit.AuditActor.System("test"), null, CancellationToken.None)).Value;

        var (unconfirmed, _) = await console.SubmitAsync(BackupsEndpoints.PagePath, BackupsEndpoints.PagePath + "/restore",
            new Dictionary<string, string> { ["confirm"] = "yes" });
        ConsoleClient.RedirectTarget(unconfirmed).Should().StartWith(BackupsEndpoints.PagePath + "?error=confirm");
        (await backups.ListAsync(CancellationToken.None)).Should().ContainSingle("nothing was restored, so no safety backup");

        var (started, _) = await console.SubmitAsync(BackupsEndpoints.PagePath, BackupsEndpoints.PagePath + "/restore",
            new Dictionary<string, string> { ["confirm"] = backup.Name });

        var location = ConsoleClient.RedirectTarget(started);
        location.Should().StartWith(BackupsEndpoints.PagePath + "?op=");
        (await WaitForOperationAsync(console, location)).Should().Contain($"Restored {backup.Name}");
        (await backups.ListAsync(CancellationToken.None)).Should().Contain(b => b.Name.EndsWith("-pre-restore.ipsbak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MaintenanceToggle_IsForSuperadmins_AndShowsTheBanner()
    {
        using var ops = await SignInAsync("ops");
        var (_, opsPage) = await ops.GetPageAsync(BackupsEndpoints.PagePath);
        opsPage.QuerySelector($"form[action='{BackupsEndpoints.PagePath}/maintenance']").Should().BeNull();
        using var root = await SignInAsync("root");

        var (switched, _) = await root.SubmitAsync(BackupsEndpoints.PagePath, BackupsEndpoints.PagePath + "/maintenance", new Dictionary<string, string>());

        ConsoleClient.RedirectTarget(switched).Should().Be(BackupsEndpoints.PagePath + "?done=maintenance-on");
        (await _factory.Services.GetRequiredService<MaintenanceMode>().IsOnAsync()).Should().BeTrue();
        var (_, page) = await root.GetPageAsync(BackupsEndpoints.PagePath);
        page.QuerySelector("[data-maintenance-banner]").Should().NotBeNull();
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "setting.changed" && e.EntityId == "maintenance.enabled" && e.Actor.StartsWith("admin:session:root", StringComparison.Ordinal));

        var (withoutToken, _) = await root.PostAsync(BackupsEndpoints.PagePath + "/maintenance", [new("enabled", "off")]);
        withoutToken.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the form needs its antiforgery token");
        (await _factory.Services.GetRequiredService<MaintenanceMode>().IsOnAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Helpdesk_CannotOpenThePage()
    {
        using var desk = await SignInAsync("desk");

        var (response, _) = await desk.GetPageAsync(BackupsEndpoints.PagePath);

        response.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }
}
