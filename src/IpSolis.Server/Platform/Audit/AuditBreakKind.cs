namespace IpSolis.Server.Platform.Audit;

/// <summary>Why the audit chain does not verify.</summary>
public enum AuditBreakKind
{
    /// <summary>A row's content no longer matches its hash: it was edited.</summary>
    HashMismatch,

    /// <summary>Sequence numbers skip: rows were deleted.</summary>
    Gap,

    /// <summary>A row does not link to the row before it: rows were reordered, inserted or replaced.</summary>
    Reordered,

    /// <summary>The chain ends somewhere other than where its head says: the newest rows were removed (truncated).</summary>
    HeadMismatch,
}
