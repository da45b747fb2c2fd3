using System.Diagnostics.Metrics;
using IpSolis.Domain.Backups;

namespace IpSolis.Server.Features.Backups;

/// <summary>
/// The <c>IpSolis.Backups</c> meter: when the newest backup in this node's backup directory was taken and how many
/// there are, read from the file names when <c>/metrics</c> is scraped (no file is opened). Nothing is reported
/// while the directory holds no backup, so an alert on its age also needs <c>absent()</c>.
/// </summary>
public sealed class BackupMetrics
{
    public const string MeterName = "IpSolis.Backups";

    public BackupMetrics(IMeterFactory meters, Backups backups)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("ipsolis.backups.newest.created_time",
            () => Newest(backups) is { } newest ? [new Measurement<double>(newest.ToUnixTimeMilliseconds() / 1000.0)] : Array.Empty<Measurement<double>>(),
            "s", "When the newest backup in the backup directory was taken, in seconds since the Unix epoch.");
        meter.CreateObservableGauge("ipsolis.backups.files",
            () => Files(backups) is { } files ? [new Measurement<int>(files.Count)] : Array.Empty<Measurement<int>>(),
            "{file}", "Backup files in the backup directory.");
    }

    private static DateTimeOffset? Newest(Backups backups) => Files(backups)?.Select(f => (DateTimeOffset?)f.CreatedAt).Max();

    // An unreadable directory reports nothing rather than failing the whole scrape.
    private static List<BackupFile>? Files(Backups backups)
    {
        try
        {
            return System.IO.Directory.Exists(backups.Directory)
                ? System.IO.Directory.EnumerateFiles(backups.Directory, "ipsolis-*" + BackupRules.Extension)
                    .Select(path => BackupRules.TryParseFileName(Path.GetFileName(path)))
                    .OfType<BackupFile>().ToList()
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
