using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Lifecycle;

namespace IpSolis.Server.Tests.Lifecycle;

/// <summary>
/// <c>orders.remind_expiry</c> reminds once per order and window: not before the window opens, not twice when the
/// job runs again, and again after an extension opens a new window. Only the provision order is reminded, with its
/// current end (never the stale one, never once per change: §11 item 20).
/// </summary>
public sealed class ExpiryReminderTests : IAsyncLifetime
{
    private LifecycleHost _host = null!;

    public async Task InitializeAsync() => _host = await LifecycleHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AReminder_GoesOutOncePerWindow_AndAgainAfterAnExtension()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled, t => t.ReminderDays = 3);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(10), owner: "olga@example.com");

        await _host.RunJobAsync(ExpiryReminders.Kind);
        _host.Notifier.Reminders.Should().BeEmpty("the window opens three days before the end");

        _host.Clock.Advance(TimeSpan.FromDays(8));
        await _host.RunJobAsync(ExpiryReminders.Kind);
        await _host.RunJobAsync(ExpiryReminders.Kind);

        var reminder = _host.Notifier.Reminders.Should().ContainSingle().Subject;
        reminder.Order.Id.Should().Be(order.Id);
        reminder.Recipients.Should().Equal("alice@example.com", "olga@example.com");
        reminder.Until.Should().Be(order.RequestedUntil);
        reminder.Remaining.Should().Be(TimeSpan.FromDays(2));
        (await _host.OrderAsync(order.Id)).ExpiryReminderSentAt.Should().Be(_host.Clock.Now);
        (await _host.AuditAsync("order.expiry_reminder_sent")).Should().ContainSingle(e => e.EntityId == order.Id.ToString());

        var newUntil = order.RequestedUntil.AddDays(10);
        var change = await _host.Lifecycle().ChangeAsync(order.Id, new OrderChange { Until = newUntil }, LifecycleHost.Operator, CancellationToken.None);
        await _host.WaitForAsync(change.Value.Id, OrderStatus.Delivered);
        await _host.RunJobAsync(ExpiryReminders.Kind);
        _host.Notifier.Reminders.Should().ContainSingle("the new end's window has not opened yet");

        _host.Clock.Advance(TimeSpan.FromDays(9));
        await _host.RunJobAsync(ExpiryReminders.Kind);
        await _host.RunJobAsync(ExpiryReminders.Kind);

        _host.Notifier.Reminders.Should().HaveCount(2);
        _host.Notifier.Reminders[1].Order.Id.Should().Be(order.Id, "the delivered change order is never reminded itself");
        _host.Notifier.Reminders[1].Until.Should().Be(newUntil);
        (await _host.AuditAsync("order.expiry_reminder_sent")).Should().HaveCount(2);
    }

    [Fact]
    public async Task TypesWithoutReminderDays_AndEndedOrders_AreNotReminded()
    {
        var silent = await _host.AddTypeAsync("Silent", AssignmentModel.CapacityPooled);
        var reminding = await _host.AddTypeAsync("Reminding", AssignmentModel.CapacityPooled, t => t.ReminderDays = 5);
        await _host.ProvisionedAsync(silent.Id, "alice@example.com", TimeSpan.FromDays(2));
        var returned = await _host.ProvisionedAsync(reminding.Id, "bob@example.com", TimeSpan.FromDays(2));
        var kept = await _host.ProvisionedAsync(reminding.Id, "carol@example.com", TimeSpan.FromDays(2));
        var result = await _host.Lifecycle().ReturnAsync(returned.Id, LifecycleHost.Operator, CancellationToken.None);
        await _host.WaitForAsync(result.Value.Id, OrderStatus.Revoked);

        await _host.RunJobAsync(ExpiryReminders.Kind);

        _host.Notifier.Reminders.Should().ContainSingle().Which.Order.Id.Should().Be(kept.Id);
    }
}
