using System.Globalization;
using System.Text.RegularExpressions;

namespace IpSolis.Domain.Backups;

/// <summary>
/// The rules a backup obeys: its file name, what a valid manifest holds, whether this build may restore it
/// (provider and schema), whether its parts are the ones the manifest vouches for, and which backups retention
/// removes.
/// </summary>
public static partial class BackupRules
{
    public const string Extension = ".ipsbak";

    private const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary><c>ipsolis-20261207T020000Z.ipsbak</c>, or <c>ipsolis-20261207T020000Z-pre-restore.ipsbak</c> with a
    /// <paramref name="label"/> (lowercase letters, digits and dashes).</summary>
    public static string FileName(DateTimeOffset createdAt, string? label = null)
    {
        if (label is not null && !LabelPattern().IsMatch(label))
            throw new ArgumentException("A backup label is lowercase letters, digits and dashes.", nameof(label));
        var stamp = createdAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
        return label is null ? $"ipsolis-{stamp}{Extension}" : $"ipsolis-{stamp}-{label}{Extension}";
    }

    /// <summary>The backup a file name denotes, or null when the name is not one this product writes (which also
    /// keeps path separators and <c>..</c> out of every name a caller passes on).</summary>
    public static BackupFile? TryParseFileName(string? name)
    {
        if (name is null || FileNamePattern().Match(name) is not { Success: true } match)
            return null;
        return DateTimeOffset.TryParseExact(match.Groups["stamp"].Value, TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var createdAt)
            ? new BackupFile(name, createdAt)
            : null;
    }

    /// <summary>Checks that a manifest read from an archive is complete and one this build understands.</summary>
    public static Result<BackupManifest> Validate(BackupManifest? manifest)
    {
        if (manifest is null)
            return new DomainError("backup.manifest_missing", "The backup has no readable manifest.json: it is not an ip·Solis backup, or it is damaged.");
        if (manifest.FormatVersion != BackupManifest.CurrentFormat)
            return new DomainError("backup.format_unsupported",
                $"The backup has archive format {manifest.FormatVersion}; this build reads format {BackupManifest.CurrentFormat}.");
        if (manifest.Provider is not (BackupManifest.SqliteProvider or BackupManifest.PostgresProvider))
            return new DomainError("backup.provider_unknown", $"The backup names an unknown database provider '{manifest.Provider}'.");
        if (string.IsNullOrWhiteSpace(manifest.SchemaVersion))
            return new DomainError("backup.schema_missing", "The backup's manifest names no schema version.");

        var errors = new List<DomainError>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in manifest.Parts ?? [])
        {
            if (!names.Add(part.Name))
                errors.Add(new("backup.part_duplicate", $"The manifest lists the part {part.Name} twice."));
            if (part.Size < 0 || part.Sha256 is null || !Sha256Pattern().IsMatch(part.Sha256))
                errors.Add(new("backup.part_checksum_invalid", $"The manifest's checksum or size of {part.Name} is malformed."));
        }

        foreach (var required in new[] { BackupManifest.DatabasePartFor(manifest.Provider), BackupManifest.KeyRingPart })
        {
            if (!names.Contains(required))
                errors.Add(new("backup.part_missing", $"The manifest lists no {required}: the backup is incomplete."));
        }

        return errors.Count == 0 ? manifest : Result<BackupManifest>.Failure([.. errors]);
    }

    /// <summary>Places <paramref name="schemaVersion"/> among <paramref name="knownMigrations"/> (in order, oldest first).
    /// Migration ids start with a UTC timestamp, so an id this build does not know that sorts after its last one is newer.</summary>
    public static SchemaComparison CompareSchema(string schemaVersion, IReadOnlyList<string> knownMigrations)
    {
        if (knownMigrations.Count == 0)
            return SchemaComparison.Unknown;
        var last = knownMigrations[^1];
        if (string.Equals(schemaVersion, last, StringComparison.Ordinal))
            return SchemaComparison.Same;
        if (knownMigrations.Contains(schemaVersion, StringComparer.Ordinal))
            return SchemaComparison.Older;
        return string.CompareOrdinal(schemaVersion, last) > 0 ? SchemaComparison.Newer : SchemaComparison.Unknown;
    }

    /// <summary>Whether this build, running on <paramref name="provider"/> with <paramref name="knownMigrations"/>,
    /// may restore a backup with <paramref name="manifest"/>; the comparison tells whether migrations follow.</summary>
    public static Result<SchemaComparison> CheckRestorable(BackupManifest? manifest, string provider, IReadOnlyList<string> knownMigrations)
    {
        var valid = Validate(manifest);
        if (!valid.Succeeded)
            return Result<SchemaComparison>.Failure([.. valid.Errors]);
        var backup = valid.Value;
        if (!string.Equals(backup.Provider, provider, StringComparison.Ordinal))
            return new DomainError("backup.provider_mismatch",
                $"The backup was taken from {Describe(backup.Provider)}; this installation runs on {Describe(provider)}. Restore it on an installation of the same provider.");

        var current = knownMigrations.Count == 0 ? "(none)" : knownMigrations[^1];
        return CompareSchema(backup.SchemaVersion, knownMigrations) switch
        {
            SchemaComparison.Newer => new DomainError("backup.schema_newer",
                $"The backup has schema version {backup.SchemaVersion} (ip·Solis {backup.ProductVersion}), newer than this build's schema version {current}. Upgrade ip·Solis to {backup.ProductVersion} or later, then restore."),
            SchemaComparison.Unknown => new DomainError("backup.schema_unknown",
                $"The backup has schema version {backup.SchemaVersion}, which this build (schema version {current}) does not know."),
            var comparison => comparison,
        };
    }

    /// <summary>Compares the parts found in an archive with the manifest: every listed part must be present with the
    /// same size and checksum, and nothing else may be there.</summary>
    public static Result<BackupManifest> VerifyParts(BackupManifest manifest, IReadOnlyCollection<BackupPart> found)
    {
        var errors = new List<DomainError>();
        var byName = found.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var expected in manifest.Parts)
        {
            if (!byName.Remove(expected.Name, out var actual))
                errors.Add(new("backup.part_missing", $"The backup lacks {expected.Name}, which its manifest lists: it is damaged."));
            else if (actual.Size != expected.Size || !string.Equals(actual.Sha256, expected.Sha256, StringComparison.OrdinalIgnoreCase))
                errors.Add(new("backup.checksum_mismatch",
                    $"The checksum of {expected.Name} does not match the manifest (expected SHA-256 {expected.Sha256}, found {actual.Sha256}): the backup is corrupted or was altered."));
        }

        foreach (var extra in byName.Keys.Where(n => n != BackupManifest.FileName).Order(StringComparer.Ordinal))
            errors.Add(new("backup.part_unexpected", $"The backup holds {extra}, which its manifest does not list: it was altered."));
        return errors.Count == 0 ? manifest : Result<BackupManifest>.Failure([.. errors]);
    }

    /// <summary>The backups retention removes so that the newest <paramref name="keepLast"/> remain; 0 keeps all.</summary>
    public static IReadOnlyList<BackupFile> SelectExpired(IEnumerable<BackupFile> backups, int keepLast)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepLast);
        if (keepLast == 0)
            return [];
        return [.. backups.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Name, StringComparer.Ordinal).Skip(keepLast)];
    }

    private static string Describe(string provider) => provider switch
    {
        BackupManifest.SqliteProvider => "SQLite",
        BackupManifest.PostgresProvider => "PostgreSQL",
        _ => provider,
    };

    [GeneratedRegex("^ipsolis-(?<stamp>[0-9]{8}T[0-9]{6}Z)(-[a-z0-9][a-z0-9-]{0,40})?\\.ipsbak$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}
