using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>The <c>IpSolis.Jobs</c> meter: what happened to jobs on this node, tagged by kind and queue.</summary>
public sealed class JobMetrics
{
    public const string MeterName = "IpSolis.Jobs";

    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _succeeded;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dead;
    private readonly Histogram<double> _wait;
    private readonly Histogram<double> _run;

    public JobMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _enqueued = meter.CreateCounter<long>("ipsolis.jobs.enqueued", "{job}", "Jobs enqueued (counted when inserted; a rolled-back transaction still counts).");
        _succeeded = meter.CreateCounter<long>("ipsolis.jobs.succeeded", "{job}", "Jobs that succeeded.");
        _failed = meter.CreateCounter<long>("ipsolis.jobs.failed", "{attempt}", "Attempts that failed or timed out and will be retried.");
        _dead = meter.CreateCounter<long>("ipsolis.jobs.dead", "{job}", "Jobs dead after their last attempt.");
        _wait = meter.CreateHistogram<double>("ipsolis.jobs.wait", "s", "From when a job was ready to when a worker started it.");
        _run = meter.CreateHistogram<double>("ipsolis.jobs.run", "s", "How long an attempt ran.");
    }

    public void Enqueued(string kind, string queue) => _enqueued.Add(1, Tags(kind, queue));

    public void Succeeded(string kind, string queue, TimeSpan ran)
    {
        _succeeded.Add(1, Tags(kind, queue));
        _run.Record(ran.TotalSeconds, Tags(kind, queue));
    }

    public void Failed(string kind, string queue, TimeSpan ran, bool dead)
    {
        (dead ? _dead : _failed).Add(1, Tags(kind, queue));
        _run.Record(ran.TotalSeconds, Tags(kind, queue));
    }

    public void Started(string kind, string queue, TimeSpan waited) => _wait.Record(Math.Max(0, waited.TotalSeconds), Tags(kind, queue));

    private static TagList Tags(string kind, string queue) => new() { { "kind", kind }, { "queue", queue } };
}
