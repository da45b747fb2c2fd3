namespace IpSolis.Domain.Backups;

/// <summary>A backup file in the backup directory, as the retention rule sees it.</summary>
/// <param name="Name">The file name, like <c>ipsolis-20261207T020000Z.ipsbak</c>.</param>
/// <param name="CreatedAt">The instant in its name.</param>
public sealed record BackupFile(string Name, DateTimeOffset CreatedAt);
