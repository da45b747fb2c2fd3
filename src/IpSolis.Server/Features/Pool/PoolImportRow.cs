namespace IpSolis.Server.Features.Pool;

/// <summary>One row of an import report. <paramref name="Row"/> is the line in the file it starts on (the header is line 1).</summary>
public sealed record PoolImportRow(int Row, string Name, PoolImportAction Action, string? Reason = null);
