namespace IpSolis.Server.Features.Pool;

/// <summary>What a bulk create did: the names it created and the ones it skipped because they already existed.</summary>
public sealed record PoolBulkResult(IReadOnlyList<string> Created, IReadOnlyList<string> Skipped);
