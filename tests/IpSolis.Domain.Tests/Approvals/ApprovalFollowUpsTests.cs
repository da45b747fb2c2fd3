using IpSolis.Domain.Approvals;

namespace IpSolis.Domain.Tests.Approvals;

public sealed class ApprovalFollowUpsTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Approver Boss = new("boss@example.com", "Boss");

    private static readonly ApprovalFollowUpPolicy Every24hUpTo3 = new()
    {
        RemindersEnabled = true,
        ReminderInterval = TimeSpan.FromHours(24),
        MaxReminders = 3,
    };

    private static ApprovalWait Row(int count = 0, double? lastRemindedHours = null, bool escalated = false, bool escalation = false) =>
        new(1, Created, count, lastRemindedHours is { } h ? Created.AddHours(h) : null, escalated ? Created.AddDays(4) : null, escalation);

    [Fact]
    public void Next_RemindsOnlyOnceAWholeIntervalPassedSinceCreation()
    {
        ApprovalFollowUps.Next(Row(), Every24hUpTo3, Created.AddHours(23).AddMinutes(59)).Should().Be(ApprovalFollowUp.None);
        ApprovalFollowUps.Next(Row(), Every24hUpTo3, Created.AddHours(24)).Should().Be(ApprovalFollowUp.Remind);
    }

    [Fact]
    public void Next_CountsTheIntervalFromTheLastReminder()
    {
        var reminded = Row(count: 1, lastRemindedHours: 30);
        ApprovalFollowUps.Next(reminded, Every24hUpTo3, Created.AddHours(53)).Should().Be(ApprovalFollowUp.None);
        ApprovalFollowUps.Next(reminded, Every24hUpTo3, Created.AddHours(54)).Should().Be(ApprovalFollowUp.Remind);
    }

    [Fact]
    public void Next_StopsAtTheMaximum_WithoutEscalationContacts()
    {
        ApprovalFollowUps.Next(Row(count: 3, lastRemindedHours: 72), Every24hUpTo3, Created.AddDays(30)).Should().Be(ApprovalFollowUp.None);
    }

    [Fact]
    public void Next_EscalatesOnceTheLastReminderHadItsInterval()
    {
        var policy = Every24hUpTo3 with { EscalationContacts = [Boss] };
        var exhausted = Row(count: 3, lastRemindedHours: 72);
        ApprovalFollowUps.Next(exhausted, policy, Created.AddHours(95)).Should().Be(ApprovalFollowUp.None);
        ApprovalFollowUps.Next(exhausted, policy, Created.AddHours(96)).Should().Be(ApprovalFollowUp.Escalate);
        ApprovalFollowUps.Next(exhausted with { EscalatedAt = Created.AddHours(96) }, policy, Created.AddDays(30))
            .Should().Be(ApprovalFollowUp.None, "a row is escalated once");
    }

    [Fact]
    public void Next_WithRemindersOff_EscalatesAfterOneInterval()
    {
        var policy = Every24hUpTo3 with { RemindersEnabled = false, EscalationContacts = [Boss] };
        ApprovalFollowUps.Next(Row(), policy, Created.AddHours(23)).Should().Be(ApprovalFollowUp.None);
        ApprovalFollowUps.Next(Row(), policy, Created.AddHours(24)).Should().Be(ApprovalFollowUp.Escalate);
        ApprovalFollowUps.Next(Row(), policy with { EscalationContacts = [] }, Created.AddDays(9)).Should().Be(ApprovalFollowUp.None);
    }

    [Fact]
    public void Next_RemindsAnEscalationRow_ButNeverEscalatesItFurther()
    {
        var policy = Every24hUpTo3 with { EscalationContacts = [Boss] };
        ApprovalFollowUps.Next(Row(escalation: true), policy, Created.AddHours(24)).Should().Be(ApprovalFollowUp.Remind);
        ApprovalFollowUps.Next(Row(count: 3, lastRemindedHours: 72, escalation: true), policy, Created.AddDays(9)).Should().Be(ApprovalFollowUp.None);
    }

    [Fact]
    public void ContactsToAssign_SkipsContactsAlreadyHoldingAnEscalationRowInThatBucket()
    {
        var other = new Approver("Other@Example.com", "Other");
        var existing = new[] { ("boss@example.com", (string?)null, true), ("other@example.com", (string?)null, false), ("other@example.com", (string?)"Finance", true) };

        ApprovalFollowUps.ContactsToAssign([Boss, other], null, existing).Should().Equal(other);
        ApprovalFollowUps.ContactsToAssign([Boss, other], "Finance", existing).Should().Equal(Boss);
        ApprovalFollowUps.ContactsToAssign([Boss, Boss], "Legal", []).Should().Equal(Boss);
    }

    [Fact]
    public void AutoDeclineDue_WhenTheOldestPendingRowWaitedLongEnough()
    {
        var policy = Every24hUpTo3 with { AutoDeclineAfter = TimeSpan.FromDays(7) };
        var oldest = Row();
        var younger = new ApprovalWait(2, Created.AddDays(2), 0, null, null);

        ApprovalFollowUps.AutoDeclineDue([younger, oldest], policy, Created.AddDays(7).AddTicks(-1)).Should().BeNull();
        ApprovalFollowUps.AutoDeclineDue([younger, oldest], policy, Created.AddDays(7)).Should().Be(oldest);
        ApprovalFollowUps.AutoDeclineDue([younger, oldest], Every24hUpTo3, Created.AddDays(365)).Should().BeNull("auto-decline is off");
        ApprovalFollowUps.AutoDeclineDue([], policy, Created.AddDays(365)).Should().BeNull();
    }
}
