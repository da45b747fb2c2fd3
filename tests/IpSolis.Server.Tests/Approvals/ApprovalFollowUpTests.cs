using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Approvals;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>
/// Reminders, escalation and auto-decline through the real jobs on a clock the test moves: reminders every N hours
/// up to M with the signed link, escalation by mail or by assignment (the escalation row alone meets its bucket),
/// auto-decline rejecting the order and telling the requester — each audited.
/// </summary>
public sealed class ApprovalFollowUpTests : IAsyncLifetime
{
    private ApprovalFollowUpHost _host = null!;

    public async Task InitializeAsync() => _host = await ApprovalFollowUpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ApprovalDecisions Decisions => _host.Services.GetRequiredService<ApprovalDecisions>();

    [Fact]
    public async Task Reminders_GoOutEveryNHoursUpToM_ThenNotifyOnlyEscalationMailsTheContacts_AllAudited()
    {
        await _host.ConfigureAsync(new Dictionary<string, string?>
        {
            [ApprovalSettings.ReminderAfterHours.Key] = "24",
            [ApprovalSettings.MaxReminders.Key] = "2",
            [ApprovalSettings.EscalationContacts.Key] = "boss@example.com, deputy@example.com",
            [ApprovalSettings.EscalationMode.Key] = "notify",
        });
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host.Orders, "Reminded VDI", ApprovalFixtures.Owners(1));
        await _host.Orders.AddAssetsAsync(type.Id, 1, "REMIND");
        var orderId = await _host.PlacePendingAsync(type.Id);
        var row = (await ApprovalFixtures.RowsAsync(_host.Orders, orderId)).Single();

        _host.Clock.Advance(TimeSpan.FromHours(23));
        await _host.RunJobAsync(ApprovalFollowUpJob.Kind);
        (await _host.MailsAsync("approval_reminder", orderId)).Should().BeEmpty("24 hours have not passed");

        _host.Clock.Advance(TimeSpan.FromHours(1));
        await _host.RunJobAsync(ApprovalFollowUpJob.Kind);
        await _host.RunJobAsync(ApprovalFollowUpJob.Kind);
        var first = (await _host.MailsAsync("approval_reminder", orderId)).Should().ContainSingle("a second run within the interval reminds nobody").Subject;
        first.Recipient.Should().Be("owner1@example.com");
        first.Subject.Should().StartWith("Reminder 1:");
        var link = ApprovalFollowUpHost.LinkIn(first);
        link.Should().NotBeEmpty("the reminder carries the signed one-click link");
        _host.Services.GetRequiredService<ApprovalLinks>().Verify(link["/approve/".Length..], _host.Clock.Now).Value.ApprovalId.Should().Be(row.Id);

        _host.Clock.Advance(TimeSpan.FromHours(24));
        await _host.RunJobAsync(ApprovalFollowUpJob.Kind);
        (await _host.MailsAsync("approval_reminder", orderId)).Should().HaveCount(2);
        var reminded = (await ApprovalFixtures.RowsAsync(_host.Orders, orderId)).Single();
        reminded.ReminderCount.Should().Be(2);
        reminded.LastRemindedAt.Should().Be(_host.Clock.Now);
        reminded.EscalatedAt.Should().BeNull();
        (await _host.AuditAsync("approval.reminded")).Where(e => e.EntityId == row.Id.ToString()).Should().HaveCount(2)
            .And.OnlyContain(e => e.Actor == "system:" + ApprovalFollowUpJob.Kind);

        _host.Clock.Advance(TimeSpan.FromHours(24));
        await _host.RunJobAsync(ApprovalFollowUpJob.Kind);
        (await _host.MailsAsync("approval_reminder", orderId)).Should().HaveCount(2, "two reminders at most");
        var escalations = await _host.MailsAsync("approval_escalated", orderId);
        escalations.Select(m => m.Recipient).Should().BeEquivalentTo(["boss@example.com", "deputy@example.com"]);
        escalations.Should().OnlyContain(m => m.HtmlBody!.Contains("/ui/orders/" + orderId) && m.HtmlBody.Contains("owner1@example.com"));
        var escalated = (await ApprovalFixtures.RowsAsync(_host.Orders, orderId)).Single();
        escalated.EscalatedAt.Should().Be(_host.Clock.Now);
        escalated.Status.Should().Be(ApprovalState.Pending, "notify-only escalation leaves the decision with the approver");
        var audit = (await _host.AuditAsync("approval.escalated")).Should().ContainSingle().Subject;
        audit.EntityId.Should().Be(row.Id.ToString());
        audit.NewValues.Should().Contain("notify").And.Contain("boss@example.com");

        _host.Clock.Advance(TimeSpan.FromDays(5));
        await _host.RunJobAsync(ApprovalFollowUpJob.Kind);
        (await _host.MailsAsync("approval_reminder", orderId)).Should().HaveCount(2);
        (await _host.MailsAsync("approval_escalated", orderId)).Should().HaveCount(2, "a row is escalated once");
    }

    [Fact]
    public async Task AssignedEscalation_GivesTheContactOneRowPerBucket_WhoseApprovalAloneReleasesTheOrder()
    {
        await _host.ConfigureAsync(new Dictionary<string, string?>
        {
            [ApprovalSettings.ReminderAfterHours.Key] = "12",
            [ApprovalSettings.MaxReminders.Key] = "0",
            [ApprovalSettings.EscalationContacts.Key] = "boss@example.com",
            [ApprovalSettings.EscalationMode.Key] = "assign",
        });
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host.Orders, "Escalated VDI", ApprovalFixtures.Owners(3));
        await _host.Orders.AddAssetsAsync(type.Id, 1, "ESCAL");
        var orderId = await _host.PlacePendingAsync(type.Id);

        _host.Clock.Advance(TimeSpan.FromHours(12));
        await _host.RunJobAsync(ApprovalFollowUpJob.Kind);

        var rows = await ApprovalFixtures.RowsAsync(_host.Orders, orderId);
        rows.Where(r => !r.Escalation).Should().HaveCount(3).And.OnlyContain(r => r.EscalatedAt == _host.Clock.Now && r.Status == ApprovalState.Pending);
        var assigned = rows.Should().ContainSingle(r => r.Escalation, "one escalation row per contact and bucket").Subject;
        assigned.ApproverEmail.Should().Be("boss@example.com");
        assigned.Source.Should().Be(ApprovalSource.Escalation);
        assigned.Bucket.Should().BeNull();
        var mail = (await _host.MailsAsync("approval_escalation_assigned", orderId)).Should().ContainSingle().Subject;
        mail.Recipient.Should().Be("boss@example.com");
        var link = ApprovalFollowUpHost.LinkIn(mail);
        _host.Services.GetRequiredService<ApprovalLinks>().Verify(link["/approve/".Length..], _host.Clock.Now).Value.ApprovalId.Should().Be(assigned.Id);
        (await _host.AuditAsync("approval.escalated")).Should().HaveCount(3).And.OnlyContain(e => e.NewValues!.Contains("assign"));

        var decided = await Decisions.DecideAsync(assigned.Id, "boss@example.com", ApprovalFixtures.PortalActor("boss@example.com"), approve: true, "Go ahead", CancellationToken.None);

        decided.Succeeded.Should().BeTrue(string.Join("; ", decided.Errors.Select(e => e.Message)));
        decided.Value.Outcome.Should().Be(ApprovalOutcome.Approved, "the escalation row alone meets the general bucket");
        (await ApprovalFixtures.RowsAsync(_host.Orders, orderId)).Where(r => !r.Escalation).Should().OnlyContain(r => r.Status == ApprovalState.Superseded);
        await _host.Orders.WaitForStatusAsync(orderId, OrderStatus.Provisioned, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task AutoDecline_AfterNDays_RejectsTheOrderWithTheMessage_TellsTheRequester_AndIsAudited()
    {
        await _host.ConfigureAsync(new Dictionary<string, string?>
        {
            [ApprovalSettings.RemindersEnabled.Key] = "false",
            [ApprovalSettings.AutoDeclineAfterDays.Key] = "7",
            [ApprovalSettings.AutoDeclineMessage.Key] = "Nobody answered in time.",
        });
        var type = await ApprovalFixtures.AddOwnedTypeAsync(_host.Orders, "Forgotten VDI", ApprovalFixtures.Owners(2));
        await _host.Orders.AddAssetsAsync(type.Id, 1, "FORGOT");
        var orderId = await _host.PlacePendingAsync(type.Id, requester: "rita@example.com");

        _host.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await _host.RunJobAsync(ApprovalAutoDeclineJob.Kind);
        (await _host.Orders.OrderAsync(orderId)).Status.Should().Be(OrderStatus.PendingApproval);

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await _host.RunJobAsync(ApprovalAutoDeclineJob.Kind);

        var order = await _host.Orders.OrderAsync(orderId);
        order.Status.Should().Be(OrderStatus.Rejected);
        order.ErrorMessage.Should().Be("Auto-declined (no decision in 7 days): Nobody answered in time.");
        var rows = await ApprovalFixtures.RowsAsync(_host.Orders, orderId);
        rows.Select(r => r.Status).Should().Equal(ApprovalState.Declined, ApprovalState.Superseded);
        rows[0].DecidedBy.Should().Be("system:auto_decline");
        var mail = (await _host.Orders.QueryAsync(db => db.Set<Features.Notifications.NotificationMessage>()
            .Where(m => m.TemplateKey == "approval_declined" && m.Recipient == "rita@example.com"))).Should().ContainSingle().Subject;
        mail.HtmlBody.Should().Contain("Nobody answered in time.");
        (await _host.AuditAsync("approval.auto_declined")).Should().ContainSingle().Which.Actor.Should().Be("system:auto_decline");
        (await _host.AuditAsync("order.rejected")).Should().ContainSingle(e => e.EntityId == orderId.ToString() && e.Actor == "system:auto_decline");

        await _host.RunJobAsync(ApprovalAutoDeclineJob.Kind);
        (await _host.AuditAsync("approval.auto_declined")).Should().ContainSingle("a rejected order is not declined again");
    }

    [Fact]
    public async Task Settings_RefuseEscalationContactsThatAreNotEmails_AndAnUnknownMode()
    {
        var saved = await _host.Services.GetRequiredService<SettingsStore>().SaveAsync(new Dictionary<string, string?>
        {
            [ApprovalSettings.EscalationContacts.Key] = "boss@example.com, not-an-email",
            [ApprovalSettings.EscalationMode.Key] = "shout",
            [ApprovalSettings.ReminderAfterHours.Key] = "0",
        }, Platform.Audit.AuditActor.System("tests"));

        saved.Succeeded.Should().BeFalse();
        saved.Errors[ApprovalSettings.EscalationContacts.Key].Should().Contain("'not-an-email' is not an email address");
        saved.Errors[ApprovalSettings.EscalationMode.Key].Should().Be("Choose notify or assign.");
        saved.Errors[ApprovalSettings.ReminderAfterHours.Key].Should().Contain("between 1 and 720");
    }
}
