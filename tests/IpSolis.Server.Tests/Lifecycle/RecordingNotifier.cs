using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Tests.Lifecycle;

/// <summary>A notifier that records each reminder it was asked to send (as a mail notifier would enqueue it).</summary>
public sealed class RecordingNotifier : IOrderNotifier
{
    private readonly List<ExpiryReminder> _reminders = [];

    public IReadOnlyList<ExpiryReminder> Reminders
    {
        get
        {
            lock (_reminders)
                return [.. _reminders];
        }
    }

    public Task ExpiryReminderAsync(IpSolisDbContext db, ExpiryReminder reminder, CancellationToken cancellationToken)
    {
        lock (_reminders)
            _reminders.Add(reminder);
        return Task.CompletedTask;
    }
}
