using System.Net;
using IpSolis.Server.Features.Approvals;
using IpSolis.Domain.Jobs;
using IpSolis.Domain.Notifications;
using IpSolis.Server.Features.Notifications;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Orders;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>
/// The real host on a clock the test moves (<see cref="ManualClock"/>), with the approvals feature's real jobs,
/// notifier and outbox: what the reminder, escalation, auto-decline and delegation tests share.
/// </summary>
internal sealed class ApprovalFollowUpHost : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ApprovalFollowUpHost(OrderHost orders, ManualClock clock)
    {
        Orders = orders;
        Clock = clock;
    }

    public OrderHost Orders { get; }

    public ManualClock Clock { get; }

    public IServiceProvider Services => Orders.Services;

    public static async Task<ApprovalFollowUpHost> StartAsync()
    {
        // Whole milliseconds: PostgreSQL keeps microseconds, so times read back compare equal to the clock's.
        var now = DateTimeOffset.UtcNow;
        var clock = new ManualClock(new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero));
        var orders = await OrderHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        _ = orders.Factory.Server; // builds and starts the host (migrations, workers) on the manual clock
        return new ApprovalFollowUpHost(orders, clock);
    }

    public async Task ConfigureAsync(IReadOnlyDictionary<string, string?> values)
    {
        var saved = await Services.GetRequiredService<SettingsStore>().SaveAsync(values, AuditActor.System("tests"));
        saved.Succeeded.Should().BeTrue(string.Join("; ", saved.Errors.Values));
    }

    /// <summary>Places an order through the API (from now, for 60 days) and checks it waits for approval.</summary>
    public async Task<long> PlacePendingAsync(long typeId, string requester = "ann@example.com")
    {
        var response = await Orders.PlaceAsync(OrderHost.Body(typeId, requester, Clock.Now, Clock.Now.AddDays(60)));
        var json = await OrderHost.JsonAsync(response);
        response.StatusCode.Should().Be(HttpStatusCode.Created, json.ToString());
        json.GetProperty("status").GetString().Should().Be("pending_approval");
        return json.GetProperty("id").GetInt64();
    }

    /// <summary>Enqueues one run of <paramref name="kind"/> (as its schedule would) and waits until a worker finished it.</summary>
    public async Task RunJobAsync(string kind)
    {
        var contexts = AccessFixtures.Contexts(Orders.Factory);
        long id;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            id = (await Services.GetRequiredService<IJobQueue>().EnqueueAsync(db, new JobRequest(kind)))!.Value;
            await transaction.CommitAsync();
        }

        Job? job = null;
        await Jobs.WorkerNodes.WaitUntilAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            job = await db.Set<Job>().AsNoTracking().SingleAsync(j => j.Id == id);
            return job.State is JobState.Succeeded or JobState.Dead;
        }, Patience, $"the {kind} job to finish");
        job!.State.Should().Be(JobState.Succeeded, job.LastError);
    }

    public Task<List<NotificationMessage>> MailsAsync(string template, long orderId) =>
        Orders.QueryAsync(db => db.Set<NotificationMessage>()
            .Where(m => m.TemplateKey == template && m.Channel == NotificationChannel.Mail && m.Reference == "order:" + orderId)
            .OrderBy(m => m.Id));

    public Task<List<AuditEntry>> AuditAsync(string action) =>
        Orders.QueryAsync(db => db.Set<AuditEntry>().Where(e => e.Action == action).OrderBy(e => e.Id));

    public static string LinkIn(NotificationMessage mail) =>
        System.Text.RegularExpressions.Regex.Match(mail.HtmlBody!, "/approve/[^\"<\\s]+").Value;

    public ValueTask DisposeAsync() => Orders.DisposeAsync();
}
