namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// One row of the append-only audit log. <see cref="Sequence"/>, <see cref="PreviousHash"/> and <see cref="Hash"/>
/// are assigned when the row is saved (by <see cref="AuditChainInterceptor"/>), not when it is recorded, because
/// only then, under the chain lock, is the row's place in the chain known.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>Position in the hash chain: 1, 2, 3… without gaps.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>JSON text, stored as written so that the hash over it stays verifiable.</summary>
    public string? OldValues { get; set; }

    public string? NewValues { get; set; }

    public required string Classification { get; set; }

    public string? ClientIp { get; set; }

    /// <summary>Hex SHA-256 of the row before this one (the anchor's hash for the first row).</summary>
    public string PreviousHash { get; set; } = "";

    /// <summary>Hex SHA-256 over this row's content and <see cref="PreviousHash"/>.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Not stored: keeps rows recorded in one unit of work in the order they were recorded.</summary>
    internal long RecordedOrder { get; set; }
}
