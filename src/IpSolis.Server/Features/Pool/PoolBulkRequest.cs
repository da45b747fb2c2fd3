namespace IpSolis.Server.Features.Pool;

/// <summary>Assets to create at once: <paramref name="Prefix"/> and <paramref name="Count"/> numbers from
/// <paramref name="Start"/>, zero-padded to <paramref name="Padding"/> digits (<c>VDI-</c>, 1, 20, 3 → VDI-001 … VDI-020).</summary>
public sealed record PoolBulkRequest(string? Prefix, long Start, int Count, int Padding, long AssetTypeId, string? Notes = null);
