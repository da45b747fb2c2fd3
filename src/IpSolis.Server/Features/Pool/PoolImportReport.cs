namespace IpSolis.Server.Features.Pool;

/// <summary>
/// What an import found, row by row. A dry run changes nothing; a real run applies only when
/// <see cref="ErrorCount"/> is 0 (all or nothing), and then <see cref="Applied"/> is true.
/// </summary>
public sealed record PoolImportReport(bool DryRun, bool Applied, IReadOnlyList<PoolImportRow> Rows)
{
    public int CreateCount => Rows.Count(r => r.Action == PoolImportAction.Create);

    public int SkipCount => Rows.Count(r => r.Action == PoolImportAction.SkipExisting);

    public int ErrorCount => Rows.Count(r => r.Action == PoolImportAction.Error);
}
