namespace IpSolis.Server.Features.Backups;

/// <summary>What a finished restore did.</summary>
/// <param name="SafetyBackup">The backup taken of the database as it was just before.</param>
/// <param name="MigrationsApplied">Migrations applied after the restore because the backup was older than this build.</param>
/// <param name="AuditRows">Audit rows verified after the restore.</param>
public sealed record RestoreSummary(string Restored, string SafetyBackup, IReadOnlyList<string> MigrationsApplied, long AuditRows);
