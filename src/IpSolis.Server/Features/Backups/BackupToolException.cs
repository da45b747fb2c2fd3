namespace IpSolis.Server.Features.Backups;

/// <summary>The outside tool that dumps or restores the database failed; the message says how, without secrets.</summary>
public sealed class BackupToolException(string message) : Exception(message);
