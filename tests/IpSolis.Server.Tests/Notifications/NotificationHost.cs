using IpSolis.Domain.Notifications;
using IpSolis.Server.Features.Notifications;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Notifications;

/// <summary>
/// The real host on a fresh database of the provider under test, with the real job workers delivering the outbox.
/// Retries wait half a second instead of thirty, and workers look for due retries every 0.2 s, so a retry test
/// takes seconds.
/// </summary>
public sealed class NotificationHost : IAsyncDisposable
{
    public static readonly AuditActor Operator = new("admin:session:operator:superadmin");

    private NotificationHost(IpSolisFactory factory) => Factory = factory;

    public IpSolisFactory Factory { get; }

    public IServiceProvider Services => Factory.Services;

    public static async Task<NotificationHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Notifications:RetryBaseSeconds"] = "0.5",
            ["Notifications:RetryMaxSeconds"] = "1",
            ["Notifications:MaxAttempts"] = "20",
            ["Jobs:PollSeconds"] = "0.2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        var factory = await IpSolisFactory.CreateAsync(configuration);
        _ = factory.Server; // builds and starts the host (migrations, workers)
        return new NotificationHost(factory);
    }

    public IDbContextFactory<IpSolisDbContext> Contexts() => Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();

    /// <summary>Saves runtime settings as an administrator would on the settings page.</summary>
    public async Task SetAsync(params (string Key, string? Value)[] values)
    {
        var result = await Services.GetRequiredService<SettingsStore>().SaveAsync(values.ToDictionary(v => v.Key, v => v.Value), Operator);
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}")));
    }

    public Task UseSmtpAsync(string host, int port, string bcc = "") => SetAsync(
        (NotificationSettings.SmtpHost.Key, host),
        (NotificationSettings.SmtpPort.Key, port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        (NotificationSettings.From.Key, "ipsolis@example.com"),
        (NotificationSettings.FromName.Key, "IT Self-Service"),
        (NotificationSettings.Bcc.Key, bcc),
        (NotificationSettings.TimeoutSeconds.Key, "5"));

    /// <summary>Enqueues as a feature does: inside a transaction of its own change, committed afterwards.</summary>
    public async Task<IReadOnlyList<NotificationMessage>> EnqueueAsync(NotificationRequest request)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var messages = await Services.GetRequiredService<NotificationOutbox>().EnqueueAsync(db, request);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return messages;
    }

    public async Task<NotificationMessage> MessageAsync(long id)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.Set<NotificationMessage>().AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>Waits until the message satisfies <paramref name="condition"/>, and returns it.</summary>
    public async Task<NotificationMessage> WaitForAsync(long id, Func<NotificationMessage, bool> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var message = await MessageAsync(id);
            if (condition(message))
                return message;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Message {id} never became {what}: it is {message.Status} after {message.Attempts} attempts ({message.LastError}).");
            await Task.Delay(100);
        }
    }

    public Task<NotificationMessage> WaitForStatusAsync(long id, NotificationStatus status, TimeSpan? patience = null) =>
        WaitForAsync(id, m => m.Status == status, status.ToString(), patience);

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.Set<AuditEntry>().AsNoTracking().Where(a => a.Action == action).ToListAsync();
    }

    public static string UniqueAddress(string name) => $"{name}-{Guid.NewGuid():N}@example.com";

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
