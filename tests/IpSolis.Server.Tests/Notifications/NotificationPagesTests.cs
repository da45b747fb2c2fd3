using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Domain.Notifications;
using IpSolis.Server.Features.Notifications;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Notifications;

/// <summary>
/// The delivery log and the template editor through the real pages: helpdesk reads, administrators resend and edit;
/// an edit is checked (only the template's variables, escaping never off), audited, previewed and used by the next
/// message.
/// </summary>
public sealed class NotificationPagesTests : IAsyncLifetime
{
    private NotificationHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await NotificationHost.StartAsync();
        await AccessFixtures.AddUserAsync(_host.Factory, "admin", AdminRole.Admin);
        await AccessFixtures.AddUserAsync(_host.Factory, "desk", AdminRole.Helpdesk);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<ConsoleClient> SignedInAsync(string username)
    {
        var client = ConsoleClient.For(_host.Factory);
        await client.SignInAsync(username, AccessFixtures.Password);
        return client;
    }

    private Task<IReadOnlyList<NotificationMessage>> EnqueueFailedOrderAsync(string to) =>
        _host.EnqueueAsync(new NotificationRequest(BuiltInTemplates.OrderFailed, [new(to, "Erin")])
        {
            Values = new Dictionary<string, string?> { ["asset_type_name"] = "CAD workstation", ["error_summary"] = "Disk full.", ["order_id"] = "5" },
            Links = new Dictionary<string, string> { ["order_url"] = "/portal/orders/5" },
        });

    [Fact]
    public async Task DeliveryLog_ListsMessages_AndAnAdministratorResendsOne_WithAnAuditRow()
    {
        var to = NotificationHost.UniqueAddress("erin");
        var message = (await EnqueueFailedOrderAsync(to)).Single();
        await _host.WaitForStatusAsync(message.Id, NotificationStatus.NotConfigured);

        using var desk = await SignedInAsync("desk");
        var (listed, page) = await desk.GetPageAsync("/ui/notifications");
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(to));
        row.TextContent.Should().Contain("order_failed").And.Contain("not sent — not configured").And.Contain("Not sent — SMTP not configured.");
        row.QuerySelector("form").Should().BeNull("helpdesk reads the log but does not resend");
        var (detail, detailPage) = await desk.GetPageAsync($"/ui/notifications/{message.Id}");
        detail.StatusCode.Should().Be(HttpStatusCode.OK);
        detailPage.QuerySelector("iframe.mail-preview")!.GetAttribute("src").Should().Be($"/ui/notifications/{message.Id}/preview");
        detailPage.QuerySelector("pre.mail-text")!.TextContent.Should().Contain("Disk full.");
        var preview = await desk.Http.GetAsync($"/ui/notifications/{message.Id}/preview");
        preview.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("sandbox").And.Contain("frame-ancestors 'self'");
        (await preview.Content.ReadAsStringAsync()).Should().Contain("Disk full.");

        var smtp = SmtpTestServer.Shared();
        await _host.UseSmtpAsync(smtp.Host, smtp.Port);
        using var admin = await SignedInAsync("admin");
        var (resent, _) = await admin.SubmitAsync("/ui/notifications", $"/ui/notifications/{message.Id}/resend", new Dictionary<string, string>());
        resent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(resent).Should().Be($"/ui/notifications?done=resent&id={message.Id}");

        (await _host.WaitForStatusAsync(message.Id, NotificationStatus.Sent)).Attempts.Should().Be(1);
        (await smtp.WaitForAsync(to)).Subject.Should().Be("Could not be delivered: CAD workstation");
        (await _host.AuditAsync("notification.resent")).Should().ContainSingle(a => a.EntityId == message.Id.ToString() && a.Actor.StartsWith("admin:session:admin"));
    }

    [Fact]
    public async Task TemplateEdit_IsChecked_Audited_Previewed_AndUsedByTheNextMessage()
    {
        using var admin = await SignedInAsync("admin");
        const string Path = "/ui/notifications/templates/order_failed/en";
        var (loaded, page) = await admin.GetPageAsync(Path);
        loaded.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelectorAll("dt").Select(d => d.TextContent).Should().Contain(["{{error_summary}}", "{{app_title}}", "{{order_url}}"]);

        var (rejected, rejectedPage) = await admin.SubmitAsync(Path, "template", new Dictionary<string, string>
        {
            ["Edit.Subject"] = "Failed: {{{asset_type_name}}}",
            ["Edit.Body"] = "<p>{{no_such_value}}</p>",
            ["Edit.Active"] = "on",
        });
        rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        rejectedPage.QuerySelector("#template-subject-error")!.TextContent.Should().Contain("always HTML-escaped");
        rejectedPage.QuerySelector("#template-body-error")!.TextContent.Should().Contain("{{no_such_value}} is not a variable");

        var token = ConsoleClient.AntiforgeryToken(rejectedPage, "template");
        var (preview, _) = await admin.PostAsync(Path + "/preview", [
            new("__RequestVerificationToken", token),
            new("Edit.Subject", "Oops: {{asset_type_name}}"),
            new("Edit.Body", "<p>Sorry {{recipient_name}}, {{error_summary}}</p>"),
        ]);
        preview.StatusCode.Should().Be(HttpStatusCode.OK);
        var previewHtml = await preview.Content.ReadAsStringAsync();
        previewHtml.Should().Contain("Sorry Dana Example, The directory did not answer.", "the preview uses the sample values");

        var (saved, _) = await admin.SubmitAsync(Path, "template", new Dictionary<string, string>
        {
            ["Edit.Subject"] = "Oops: {{asset_type_name}} for {{recipient_name}}",
            ["Edit.Body"] = "<p>Sorry {{recipient_name}}: {{error_summary}}</p>",
            ["Edit.Active"] = "on",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(saved).Should().Be(Path + "?done=saved");
        (await _host.AuditAsync("notification_template.changed")).Should().ContainSingle(a => a.EntityId == "order_failed/en");

        var message = (await EnqueueFailedOrderAsync(NotificationHost.UniqueAddress("erin"))).Single();
        message.Subject.Should().Be("Oops: CAD workstation for Erin");
        message.HtmlBody.Should().Contain("<p>Sorry Erin: Disk full.</p>");

        var (german, _) = await admin.GetPageAsync("/ui/notifications/templates/order_failed/de");
        german.StatusCode.Should().Be(HttpStatusCode.OK, "the German text is a template of its own");
    }

    [Fact]
    public async Task Helpdesk_ReadsTemplates_ButCannotSaveThem()
    {
        using var desk = await SignedInAsync("desk");
        const string Path = "/ui/notifications/templates/approval_request/de";
        var (loaded, page) = await desk.GetPageAsync(Path);
        loaded.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#template-subject")!.GetAttribute("value").Should().StartWith("Genehmigung nötig");
        page.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).Should().NotContain("Save");

        var (refused, _) = await desk.SubmitAsync(Path, "template", new Dictionary<string, string>
        {
            ["Edit.Subject"] = "Hacked",
            ["Edit.Body"] = "<p>x</p>",
        });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _host.AuditAsync("notification_template.changed")).Should().BeEmpty();
    }

    [Fact]
    public async Task SettingsTestButton_ShowsTheSmtpServersAnswer()
    {
        await AccessFixtures.AddUserAsync(_host.Factory, "root", AdminRole.Superadmin);
        var smtp = SmtpTestServer.Shared();
        await _host.UseSmtpAsync(smtp.Host, smtp.Port);
        using var root = await SignedInAsync("root");
        var to = NotificationHost.UniqueAddress("tester");

        var (response, page) = await root.SubmitAsync("/ui/settings/email", "mail-test", new Dictionary<string, string> { ["to"] = to });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=mail-test-answer]")!.TextContent.Should().StartWith("250 accepted by 127.0.0.1:");
        (await smtp.WaitForAsync(to)).Subject.Should().StartWith("Test message from");

        await _host.UseSmtpAsync("127.0.0.1", SmtpTestServer.FreePort());
        var (failed, failedPage) = await root.SubmitAsync("/ui/settings/email", "mail-test", new Dictionary<string, string> { ["to"] = to });
        failed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        failedPage.QuerySelector("[data-testid=mail-test-answer]")!.TextContent.Should().NotBeNullOrWhiteSpace();
        (await _host.AuditAsync("notification.test_mail_sent")).Should().HaveCount(2);
    }
}
