using IpSolis.Domain.AccessTargets;

namespace IpSolis.Server.Features.AccessTargets;

/// <summary>
/// One row of the access ledger (<c>access_ledger</c>): an order granted a person a directory group, or stopped
/// granting it. Rows are appended, never updated or deleted, so the history of who had what through which order
/// stays whole; what an order holds now is its latest row per person and group (<see cref="AccessLedger"/>).
/// </summary>
public sealed class AccessLedgerRow
{
    public long Id { get; set; }

    /// <summary>The order that holds the access (the provision order, also for the changes and the end of it).</summary>
    public long OrderId { get; set; }

    /// <summary>The order whose run wrote the row: the provision, a change or the end.</summary>
    public long RunOrderId { get; set; }

    /// <summary>The group as the run named it to the directory (the asset's name substituted).</summary>
    public required string GroupDn { get; set; }

    /// <summary><see cref="GroupDn"/> trimmed and lower case, for matching.</summary>
    public required string GroupKey { get; set; }

    /// <summary>The person's email or username, lower case.</summary>
    public required string Principal { get; set; }

    public AccessAction Action { get; set; }

    /// <summary>Unique: <see cref="AccessLedger.IdempotencyKey"/>, so a repeated run writes each row once.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>What the directory said (added, already a member, removed, kept for another order).</summary>
    public required string Outcome { get; set; }

    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The row as the rules see it.</summary>
    public AccessLedgerEntry ToEntry() => new(OrderId, new AccessGrant(GroupKey, Principal), Action);
}
