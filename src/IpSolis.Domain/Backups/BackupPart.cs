namespace IpSolis.Domain.Backups;

/// <summary>One file inside a backup archive, with the size and SHA-256 (lowercase hex) it had when written.</summary>
public sealed record BackupPart(string Name, long Size, string Sha256);
