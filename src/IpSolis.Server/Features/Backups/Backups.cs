using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using IpSolis.Domain;
using IpSolis.Domain.Backups;
using IpSolis.Server.Features.Maintenance;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Configuration;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Observability;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Features.Backups;

/// <summary>
/// Takes, lists, prunes and restores backups. A backup is the database (SQLite online backup or pg_dump), the
/// sealed data-protection key ring and a manifest with checksums, in one file in the backup directory. A restore
/// checks everything before it changes anything, then: maintenance on, safety backup, restore, migrate, audit
/// chain verified, maintenance off. The passphrase is only ever held in memory.
/// </summary>
public sealed partial class Backups(
    IDbContextFactory<IpSolisDbContext> contexts,
    IDatabaseDump dump,
    DatabaseMigrations migrations,
    MaintenanceMode maintenance,
    SettingsStore settings,
    AuditChainVerifier auditVerifier,
    IAuditTrail audit,
    IOptions<BackupOptions> options,
    IOptions<ServerOptions> server,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<Backups> logger)
{
    public const string ManualTrigger = "manual";
    public const string ScheduledTrigger = "scheduled";
    public const string PreRestoreTrigger = "pre-restore";

    /// <summary>The backup directory (absolute).</summary>
    public string Directory => Path.GetFullPath(string.IsNullOrWhiteSpace(options.Value.Directory)
        ? Path.Combine(server.Value.DataDirectory, "backups")
        : options.Value.Directory);

    /// <summary>The backups in the directory, newest first.</summary>
    public async Task<IReadOnlyList<BackupSummary>> ListAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
            return [];
        var list = new List<BackupSummary>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "ipsolis-*" + BackupRules.Extension))
        {
            if (BackupRules.TryParseFileName(Path.GetFileName(path)) is not { } file)
                continue;
            var info = new FileInfo(path);
            var encrypted = BackupCipher.IsEncrypted(path);
            list.Add(new BackupSummary(file.Name, path, info.Length, file.CreatedAt, encrypted,
                encrypted ? null : await BackupArchive.PeekManifestAsync(path, cancellationToken)));
        }

        return [.. list.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Name, StringComparer.Ordinal)];
    }

    /// <summary>The full path of a backup named by its file name (what the UI passes); null for any other name.</summary>
    public string? PathOf(string name) =>
        BackupRules.TryParseFileName(name) is { } file && File.Exists(Path.Combine(Directory, file.Name)) ? Path.Combine(Directory, file.Name) : null;

    public async Task<Result<BackupSummary>> CreateAsync(string trigger, string? passphrase, AuditActor actor, Action<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var work = WorkDirectory();
        try
        {
            progress?.Invoke(new(2, "Reading the schema version"));
            var schema = await SchemaVersionAsync(cancellationToken);
            if (schema is null)
                return new DomainError("backup.database_empty", "The database has no schema yet: run 'ipsolis migrate' first.");

            progress?.Invoke(new(5, "Copying the database"));
            var databasePart = Path.Combine(work, BackupManifest.DatabasePartFor(dump.Provider));
            await dump.DumpAsync(databasePart, cancellationToken);

            progress?.Invoke(new(70, "Exporting the key ring"));
            var keyRingPart = Path.Combine(work, BackupManifest.KeyRingPart);
            await ExportKeyRingAsync(keyRingPart, cancellationToken);

            progress?.Invoke(new(75, "Computing checksums"));
            var now = time.GetUtcNow();
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, ProductVersion.Version, schema, dump.Provider, now, trigger,
                [await BackupArchive.DescribeAsync(databasePart, cancellationToken), await BackupArchive.DescribeAsync(keyRingPart, cancellationToken)]);

            progress?.Invoke(new(80, passphrase is null ? "Writing the archive" : "Writing and encrypting the archive"));
            var target = FreeName(now, trigger == PreRestoreTrigger ? "pre-restore" : null);
            await BackupArchive.WriteAsync(work, manifest, target, passphrase, cancellationToken);

            var info = new FileInfo(target);
            await RecordAsync(actor, new AuditEvent("backup.created", "backup", info.Name, NewValues: new
            {
                trigger,
                sizeBytes = info.Length,
                encrypted = passphrase is not null,
                schemaVersion = schema,
                provider = dump.Provider,
            }), cancellationToken);
            LogCreated(logger, info.Name, info.Length, trigger);

            if (trigger != PreRestoreTrigger)
            {
                progress?.Invoke(new(95, "Applying retention"));
                await ApplyRetentionAsync(actor, cancellationToken);
            }

            progress?.Invoke(new(100, "Done"));
            return new BackupSummary(info.Name, info.FullName, info.Length, now, passphrase is not null, manifest);
        }
        catch (Exception ex) when (ex is BackupToolException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            LogFailed(logger, "backup", ex.Message);
            return new DomainError("backup.failed", $"The backup failed: {ex.Message}");
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    /// <summary>Deletes the backups beyond the newest <see cref="BackupSettings.KeepLast"/>, auditing each.</summary>
    public async Task<IReadOnlyList<string>> ApplyRetentionAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var keep = await settings.GetAsync(BackupSettings.KeepLast, cancellationToken);
        if (!System.IO.Directory.Exists(Directory))
            return [];
        var files = System.IO.Directory.EnumerateFiles(Directory, "ipsolis-*" + BackupRules.Extension)
            .Select(p => BackupRules.TryParseFileName(Path.GetFileName(p))).OfType<BackupFile>().ToList();
        var deleted = new List<string>();
        foreach (var expired in BackupRules.SelectExpired(files, keep))
        {
            File.Delete(Path.Combine(Directory, expired.Name));
            deleted.Add(expired.Name);
            await RecordAsync(actor, new AuditEvent("backup.deleted", "backup", expired.Name, NewValues: new { reason = "retention", keepLast = keep }), cancellationToken);
        }

        return deleted;
    }

    /// <summary>Checks <paramref name="file"/> without changing anything: readable, intact, restorable here.</summary>
    public async Task<Result<BackupManifest>> InspectAsync(string file, string? passphrase, CancellationToken cancellationToken)
    {
        var work = WorkDirectory();
        try
        {
            return await OpenCheckedAsync(file, passphrase, work, cancellationToken);
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    public async Task<Result<RestoreSummary>> RestoreAsync(string file, string? passphrase, AuditActor actor, Action<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var work = WorkDirectory();
        var maintenanceWasOn = false;
        var changing = false;
        try
        {
            progress?.Invoke(new(2, "Checking the backup"));
            var opened = await OpenCheckedAsync(file, passphrase, work, cancellationToken);
            if (!opened.Succeeded)
                return Result<RestoreSummary>.Failure([.. opened.Errors]);
            var manifest = opened.Value;

            progress?.Invoke(new(15, "Entering maintenance mode"));
            maintenanceWasOn = await maintenance.IsOnAsync(cancellationToken);
            await maintenance.SetAsync(true, actor, cancellationToken);
            if (options.Value.DrainSeconds > 0)
            {
                progress?.Invoke(new(17, $"Waiting {options.Value.DrainSeconds} s for running requests to finish"));
                await Task.Delay(TimeSpan.FromSeconds(options.Value.DrainSeconds), cancellationToken);
            }

            progress?.Invoke(new(20, "Taking a safety backup"));
            var safety = await CreateAsync(PreRestoreTrigger, passphrase, actor, p => progress?.Invoke(new(20 + p.Percent * 30 / 100, "Safety backup: " + p.Step)), cancellationToken);
            if (!safety.Succeeded)
                return Result<RestoreSummary>.Failure([new DomainError("backup.safety_failed", $"No safety backup could be taken, so nothing was restored: {safety.Errors[0].Message}")]);

            progress?.Invoke(new(50, "Restoring the database"));
            changing = true;
            await dump.RestoreAsync(Path.Combine(work, BackupManifest.DatabasePartFor(manifest.Provider)), cancellationToken);
            settings.Invalidate();

            progress?.Invoke(new(80, "Applying migrations"));
            var applied = await migrations.MigrateAsync(null, cancellationToken);
            changing = false;
            // The restored settings say what maintenance mode was at backup time: keep it on until the end.
            await maintenance.SetAsync(true, actor, cancellationToken);

            progress?.Invoke(new(85, "Verifying the audit chain"));
            var verification = await auditVerifier.VerifyAsync(null, cancellationToken);
            if (verification.Break is { } broken)
            {
                return new DomainError("backup.audit_broken",
                    $"The database was restored from {Path.GetFileName(file)}, but its audit log is broken at {broken.Describe()}. Maintenance mode stays on; the safety backup {safety.Value.Name} holds the previous state.");
            }

            await RecordAsync(actor, new AuditEvent("backup.restored", "backup", Path.GetFileName(file), NewValues: new
            {
                safetyBackup = safety.Value.Name,
                schemaVersion = manifest.SchemaVersion,
                backupCreatedAt = manifest.CreatedAt,
                migrationsApplied = applied,
            }), cancellationToken);
            LogRestored(logger, Path.GetFileName(file), safety.Value.Name);

            if (!maintenanceWasOn)
            {
                progress?.Invoke(new(98, "Leaving maintenance mode"));
                await maintenance.SetAsync(false, actor, cancellationToken);
            }

            progress?.Invoke(new(100, "Done"));
            return new RestoreSummary(Path.GetFileName(file), safety.Value.Name, applied, verification.RowCount + 1);
        }
        catch (Exception ex) when (ex is BackupToolException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            LogFailed(logger, "restore", ex.Message);
            return new DomainError("backup.restore_failed", changing
                ? $"The restore failed while the database was being replaced: {ex.Message} Maintenance mode stays on; restore the safety backup (the newest *-pre-restore{BackupRules.Extension}) with 'ipsolis backup restore'."
                : $"The restore failed: {ex.Message}");
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    private async Task<Result<BackupManifest>> OpenCheckedAsync(string file, string? passphrase, string work, CancellationToken cancellationToken)
    {
        var opened = await BackupArchive.OpenAsync(file, passphrase, work, cancellationToken);
        if (!opened.Succeeded)
            return opened;
        var restorable = BackupRules.CheckRestorable(opened.Value, dump.Provider, migrations.Known());
        if (!restorable.Succeeded)
            return Result<BackupManifest>.Failure([.. restorable.Errors]);
        if (CheckKeyRing(Path.Combine(work, BackupManifest.KeyRingPart)) is { } problem)
            return problem;
        return opened;
    }

    /// <summary>The backup's keys must open with this installation's API_SECRET_KEY, or everything they protect
    /// (sessions, antiforgery, secret settings) would be unreadable after the restore.</summary>
    private DomainError? CheckKeyRing(string keyRingFile)
    {
        var secret = KeyRingSeal.SecretFrom(configuration);
        if (secret is null)
            return new DomainError("backup.secret_missing", "API_SECRET_KEY is not set: the backup's key ring cannot be opened.");
        try
        {
            foreach (var sealedKey in XDocument.Load(keyRingFile).Descendants(KeyRingSeal.ElementName))
                KeyRingSeal.Open(sealedKey, secret);
            return null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or XmlException)
        {
            return new DomainError("backup.key_ring_foreign",
                "The backup's data-protection key ring does not open with this installation's API_SECRET_KEY. Set the API_SECRET_KEY the backed-up installation used, then restore; otherwise sessions, signed links and encrypted settings from the backup are unreadable.");
        }
    }

    private async Task ExportKeyRingAsync(string file, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.Set<DataProtectionKey>().AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);
        var document = new XDocument(new XElement("keyRing",
            new XAttribute("sealedWith", "API_SECRET_KEY"),
            keys.Select(k => new XElement("entry",
                new XAttribute("id", k.Id),
                new XAttribute("friendlyName", k.FriendlyName ?? ""),
                new XAttribute("createdAt", k.CreatedAt.ToString("O")),
                XElement.Parse(k.Xml)))));
        await using var stream = File.Create(file);
        await document.SaveAsync(stream, SaveOptions.None, cancellationToken);
    }

    private async Task<string?> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault();
    }

    private async Task RecordAsync(AuditActor actor, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        audit.Record(db, actor, auditEvent);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The name for a backup taken at <paramref name="at"/>; a second backup within the same second takes
    /// the next free second, so names stay unique and sort in the order the backups were taken.</summary>
    private string FreeName(DateTimeOffset at, string? label)
    {
        var path = Path.Combine(Directory, BackupRules.FileName(at, label));
        while (System.IO.Directory.EnumerateFiles(Directory, BackupRules.FileName(at, label)[..24] + "*").Any())
        {
            at = at.AddSeconds(1);
            path = Path.Combine(Directory, BackupRules.FileName(at, label));
        }

        return path;
    }

    private string WorkDirectory()
    {
        // Beside the backups (same volume, so the finished archive is a rename away) but hidden from listings.
        var path = Path.Combine(Directory, ".work-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover work directory holds nothing secret beyond what the backups hold; the next run is unaffected.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Name} created ({SizeBytes} bytes, {Trigger})")]
    private static partial void LogCreated(ILogger logger, string name, long sizeBytes, string trigger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database restored from {Name}; safety backup {SafetyBackup}")]
    private static partial void LogRestored(ILogger logger, string name, string safetyBackup);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Operation} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string operation, string reason);
}
