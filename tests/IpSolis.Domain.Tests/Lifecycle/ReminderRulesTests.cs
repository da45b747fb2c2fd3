using IpSolis.Domain.Lifecycle;

namespace IpSolis.Domain.Tests.Lifecycle;

public sealed class ReminderRulesTests
{
    private static readonly DateTimeOffset Until = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Due_OnceTheEndIsWithinTheReminderDays()
    {
        ReminderRules.IsDue(Until.AddDays(-7), Until, 7, null).Should().BeTrue("the window opens exactly N days before");
        ReminderRules.IsDue(Until.AddDays(-3), Until, 7, null).Should().BeTrue();
        ReminderRules.IsDue(Until.AddMinutes(-1), Until, 7, null).Should().BeTrue();
    }

    [Fact]
    public void NotDue_BeforeTheWindowOpens() =>
        ReminderRules.IsDue(Until.AddDays(-7).AddTicks(-1), Until, 7, null).Should().BeFalse();

    [Fact]
    public void NotDue_OnceTheEndHasPassed()
    {
        ReminderRules.IsDue(Until, Until, 7, null).Should().BeFalse();
        ReminderRules.IsDue(Until.AddDays(1), Until, 7, null).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-3)]
    public void NotDue_ForATypeWithoutReminders(int? days) =>
        ReminderRules.IsDue(Until.AddHours(-1), Until, days, null).Should().BeFalse();

    [Fact]
    public void NotDue_WhenAlreadyRemindedInThisWindow()
    {
        var sent = Until.AddDays(-6);
        ReminderRules.IsDue(Until.AddDays(-2), Until, 7, sent).Should().BeFalse();
        ReminderRules.IsDue(Until.AddDays(-2), Until, 7, Until.AddDays(-7)).Should().BeFalse("sent the moment the window opened");
    }

    [Fact]
    public void DueAgain_AfterAnExtension_WhoseNewWindowOpensAfterTheLastReminder()
    {
        var sent = Until.AddDays(-6);
        var extended = Until.AddDays(30);

        ReminderRules.IsDue(Until.AddDays(-2), extended, 7, sent).Should().BeFalse("the new window has not opened yet");
        ReminderRules.IsDue(extended.AddDays(-5), extended, 7, sent).Should().BeTrue("the last reminder was for the earlier end");
    }

    [Fact]
    public void WindowStart_IsTheEndMinusTheReminderDays() =>
        ReminderRules.WindowStart(Until, 3).Should().Be(Until.AddDays(-3));
}
