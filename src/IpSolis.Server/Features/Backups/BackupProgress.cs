namespace IpSolis.Server.Features.Backups;

/// <summary>How far a backup or restore is: a percentage and the step it is on, for the CLI bar and the page.</summary>
public sealed record BackupProgress(int Percent, string Step);
