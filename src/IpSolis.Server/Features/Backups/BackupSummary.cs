using IpSolis.Domain.Backups;

namespace IpSolis.Server.Features.Backups;

/// <summary>A backup file as <c>backup list</c> and the page show it. The manifest is null for an encrypted backup
/// (it is inside the encryption) and for a damaged one.</summary>
public sealed record BackupSummary(string Name, string FullPath, long SizeBytes, DateTimeOffset CreatedAt, bool Encrypted, BackupManifest? Manifest);
