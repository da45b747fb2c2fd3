namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// The one row that says where the audit chain ends and where it starts. The end (<see cref="LastSequence"/>,
/// <see cref="LastHash"/>) is what makes truncation visible: deleting the newest rows leaves the head pointing past
/// them. The start (the anchor) moves only when retention removes the oldest rows, so the shortened chain verifies.
/// Locking this row is also how appends from every node are serialized.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    /// <summary>What the first row links to: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    public int Id { get; set; } = SingletonId;

    public long LastSequence { get; set; }

    public string LastHash { get; set; } = GenesisHash;

    /// <summary>The sequence number of the last row retention removed (0 while nothing was removed).</summary>
    public long AnchorSequence { get; set; }

    /// <summary>The hash of that row: the first remaining row's <see cref="AuditEntry.PreviousHash"/>.</summary>
    public string AnchorHash { get; set; } = GenesisHash;
}
