using System.Text;
using IpSolis.Domain.Notifications;
using IpSolis.Server.Features.Notifications;

namespace IpSolis.Server.Tests.Notifications;

/// <summary>
/// The outbox delivers through a real SMTP server process (started by scripts/test.sh): what that server received is
/// checked header by header, part by part. Without SMTP settings messages wait as "not sent"; with the server down
/// they are retried and go out once it is back; values are HTML-escaped on the way.
/// </summary>
public sealed class MailDeliveryTests : IAsyncLifetime
{
    private NotificationHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Outbox_DeliversToTheSmtpServer_WithHeadersHtmlTextAndRdpAttachment()
    {
        var smtp = SmtpTestServer.Shared();
        var archive = NotificationHost.UniqueAddress("archive");
        await _host.UseSmtpAsync(smtp.Host, smtp.Port, bcc: archive);
        await _host.SetAsync(("app.title", "Contoso IT"), ("app.public_base_url", "https://it.contoso.example"));
        var to = NotificationHost.UniqueAddress("dana");
        var rdp = Encoding.UTF8.GetBytes("full address:s:VDI-0042\r\n");

        var messages = await _host.EnqueueAsync(new NotificationRequest(BuiltInTemplates.ProvisionConfirmation, [new(to, "Dana Example")])
        {
            Values = new Dictionary<string, string?> { ["asset_name"] = "VDI-0042", ["asset_type_name"] = "Windows 11 desktop", ["order_id"] = "42", ["expires_at"] = "2026-08-04 17:00 UTC" },
            Links = new Dictionary<string, string> { ["order_url"] = "/portal/orders/42" },
            Attachments = [new NotificationAttachment("VDI-0042.rdp", "application/x-rdp", rdp)],
            Reference = "order:42",
        });

        var sent = await _host.WaitForStatusAsync(messages.Single().Id, NotificationStatus.Sent);
        sent.Attempts.Should().Be(1);
        sent.ServerAnswer.Should().StartWith("250");
        var mail = await smtp.WaitForAsync(to);
        mail.MailFrom.Should().Be("ipsolis@example.com");
        mail.RcptTos.Should().BeEquivalentTo([to, archive], "the global blind copy goes to the archive");
        mail.Header("From").Should().Be("IT Self-Service <ipsolis@example.com>");
        mail.Header("To").Should().Contain(to).And.Contain("Dana Example");
        mail.Header("Bcc").Should().BeNull("a blind copy is not visible to the recipient");
        mail.Subject.Should().Be("Ready: Windows 11 desktop VDI-0042");
        mail.Header("Auto-Submitted").Should().Be("auto-generated");
        mail.Header("X-IpSolis-Template").Should().Be("provision_confirmation");
        mail.ContentType.Should().Be("multipart/mixed");
        mail.Html.Should().Contain("Contoso IT").And.Contain("<strong>VDI-0042</strong>")
            .And.Contain("href=\"https://it.contoso.example/portal/orders/42\"");
        mail.Text.Should().Contain("Hello Dana Example,").And.Contain("Show order 42: https://it.contoso.example/portal/orders/42")
            .And.NotContain("<p>");
        var attachment = mail.Attachments.Should().ContainSingle().Subject;
        attachment.FileName.Should().Be("VDI-0042.rdp");
        attachment.ContentType.Should().Be("application/x-rdp");
        attachment.Content.Should().Equal(rdp);
    }

    [Fact]
    public async Task Outbox_WithoutSmtpSettings_KeepsTheMessageAsNotSent()
    {
        var messages = await _host.EnqueueAsync(new NotificationRequest(BuiltInTemplates.OrderFailed, [new(NotificationHost.UniqueAddress("erin"))])
        {
            Values = new Dictionary<string, string?> { ["asset_type_name"] = "CAD workstation", ["error_summary"] = "The directory did not answer." },
        });

        var message = await _host.WaitForStatusAsync(messages.Single().Id, NotificationStatus.NotConfigured);
        message.LastError.Should().Be("Not sent — SMTP not configured.");
        message.Attempts.Should().Be(0);
        message.HtmlBody.Should().Contain("The directory did not answer.", "the message is rendered and kept for a resend");
    }

    [Fact]
    public async Task Outbox_WhenTheSmtpServerIsDown_RetriesWithBackoff_AndDeliversOnceItIsBack()
    {
        var port = SmtpTestServer.FreePort();
        await _host.UseSmtpAsync("127.0.0.1", port);
        var to = NotificationHost.UniqueAddress("finn");

        var messages = await _host.EnqueueAsync(new NotificationRequest(BuiltInTemplates.ApprovalGranted, [new(to, "Finn")])
        {
            Values = new Dictionary<string, string?> { ["asset_type_name"] = "VPN", ["approver_name"] = "Alex" },
        });
        var id = messages.Single().Id;

        var refused = await _host.WaitForAsync(id, m => m.Status == NotificationStatus.Retrying && m.Attempts >= 2, "retried at least twice");
        refused.LastError.Should().NotBeNullOrEmpty();

        await using var smtp = await SmtpTestServer.StartAsync(port);
        var sent = await _host.WaitForStatusAsync(id, NotificationStatus.Sent);
        sent.Attempts.Should().BeGreaterThan(refused.Attempts);
        sent.LastError.Should().BeNull();
        var mail = await smtp.WaitForAsync(to);
        mail.Subject.Should().Be("Approved: VPN");
        smtp.Received(to).Should().ContainSingle("a delivered message is not sent again");
    }

    [Fact]
    public async Task Rendering_EscapesEveryValue_SoADisplayNameCannotInjectMarkup()
    {
        var smtp = SmtpTestServer.Shared();
        await _host.UseSmtpAsync(smtp.Host, smtp.Port);
        var approver = NotificationHost.UniqueAddress("approver");
        const string Evil = "<script>alert('x')</script><a href=\"https://evil.example\">click</a>";

        var messages = await _host.EnqueueAsync(new NotificationRequest(BuiltInTemplates.ApprovalRequest, [new(approver, "Alex")])
        {
            Values = new Dictionary<string, string?> { ["requester_name"] = Evil, ["asset_type_name"] = "VPN", ["justification"] = "a & b < c" },
            Links = new Dictionary<string, string> { ["approval_url"] = "/approve/token-123" },
        });

        await _host.WaitForStatusAsync(messages.Single().Id, NotificationStatus.Sent);
        var mail = await smtp.WaitForAsync(approver);
        mail.Html.Should().NotContain("<script>").And.NotContain("href=\"https://evil.example\"")
            .And.Contain("&lt;script&gt;").And.Contain("a &amp; b &lt; c");
        mail.Subject.Should().Contain("<script>", "the subject is a plain-text header, where markup is inert");
        mail.Text.Should().Contain(Evil, "the text part shows the name as typed");
    }

    [Fact]
    public async Task MailOrderNotifier_SendsTheReadyMail_WithAnRdpFileForAPersonalDesktop()
    {
        var smtp = SmtpTestServer.Shared();
        await _host.UseSmtpAsync(smtp.Host, smtp.Port);
        var requester = NotificationHost.UniqueAddress("gina");
        var type = new Features.Catalog.AssetType { Name = "Personal VDI", AssignmentModel = Domain.Catalog.AssignmentModel.AssignedPersonal, AllowRdpUsers = true };
        var order = new Features.Orders.Order
        {
            Id = 77, RequesterEmail = requester, RequesterName = "Gina", PlacedBy = "portal:user:" + requester, Source = "portal",
            RequestedUntil = new DateTimeOffset(2026, 9, 1, 12, 0, 0, TimeSpan.Zero), RdpUsersJson = "[\"gina@example.com\"]",
        };

        await using (var db = await _host.Contexts().CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var notifier = _host.Services.GetRequiredService<Features.Lifecycle.IOrderNotifier>();
            await notifier.OrderDeliveredAsync(db, order, type, "VDI-0077", CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var mail = await smtp.WaitForAsync(requester);
        mail.Subject.Should().Be("Ready: Personal VDI VDI-0077");
        mail.Html.Should().Contain("2026-09-01 12:00 UTC").And.Contain("gina@example.com");
        var rdp = mail.Attachments.Should().ContainSingle().Subject;
        rdp.FileName.Should().Be("VDI-0077.rdp");
        Encoding.UTF8.GetString(rdp.Content).Should().Contain("full address:s:VDI-0077");
    }
}
