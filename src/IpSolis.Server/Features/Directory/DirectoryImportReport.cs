namespace IpSolis.Server.Features.Directory;

/// <summary>What an import did, or (in a dry run) would do, line by line.</summary>
/// <param name="Applied">False for a dry run, or when errors stopped the import (nothing is written then).</param>
public sealed record DirectoryImportReport(
    bool DryRun,
    bool Applied,
    IReadOnlyList<DirectoryImportRow> Rows,
    IReadOnlyList<string> GroupsCreated)
{
    public int Added => Rows.Count(r => r.Action == DirectoryImportAction.Add);

    public int Updated => Rows.Count(r => r.Action == DirectoryImportAction.Update);

    public int Unchanged => Rows.Count(r => r.Action == DirectoryImportAction.Unchanged);

    public int Errors => Rows.Count(r => r.Action == DirectoryImportAction.Error);
}
