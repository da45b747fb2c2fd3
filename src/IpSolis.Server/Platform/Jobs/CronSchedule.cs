using IpSolis.Domain.Jobs;
using NCrontab;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>A cron expression read in an IANA time zone, ticking at instants by the DST rule of <see cref="WallClockTicks"/>.</summary>
public sealed class CronSchedule
{
    private readonly CrontabSchedule _cron;

    private CronSchedule(CrontabSchedule cron, TimeZoneInfo zone)
    {
        _cron = cron;
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>Parses five fields (minute hour day month weekday) or six with seconds first; null and a problem
    /// when either the expression or the zone is wrong.</summary>
    public static string? TryParse(string? expression, string? zoneId, out CronSchedule? schedule)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(expression))
            return "has no cron expression.";
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
            return $"'{expression}' is not a cron expression: it needs 5 fields (minute hour day month weekday), or 6 with seconds first.";
        var cron = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
        if (cron is null)
            return $"'{expression}' is not a valid cron expression.";

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(zoneId) ? "UTC" : zoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return $"'{zoneId}' is not a known IANA time zone (like Europe/Berlin).";
        }

        schedule = new CronSchedule(cron, zone);
        return null;
    }

    public static CronSchedule Parse(string expression, string zoneId) =>
        TryParse(expression, zoneId, out var schedule) is { } problem ? throw new FormatException(problem) : schedule!;

    /// <summary>The first tick strictly after <paramref name="after"/>, in UTC (what the database stores).</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => WallClockTicks.Next(after, Zone, local =>
    {
        var next = _cron.GetNextOccurrence(local);
        return next == DateTime.MaxValue ? null : next;
    })?.ToUniversalTime();
}
