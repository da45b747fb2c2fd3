namespace IpSolis.Server.Features.Backups;

/// <summary>A backup or restore started from the page, and how far it is.</summary>
public sealed record BackupOperation(
    string Id,
    string Kind,
    string? File,
    string StartedBy,
    DateTimeOffset StartedAt,
    int Percent,
    string Step,
    bool Finished,
    bool Succeeded,
    string? Message);
