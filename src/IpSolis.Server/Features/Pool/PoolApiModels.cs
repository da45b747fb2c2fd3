using IpSolis.Domain;
using IpSolis.Domain.Pool;

namespace IpSolis.Server.Features.Pool;

/// <summary>The JSON shapes of <c>/api/v1/pool</c> (camelCase; statuses by their snake_case wire names).</summary>
public static class PoolApiModels
{
    public sealed record CreateRequest(string? Name, long? AssetTypeId, string? Notes, Dictionary<string, string?>? Metadata, string? Status);

    public sealed record BulkRequest(string? Prefix, long? Start, int? Count, int? Padding, long? AssetTypeId, string? Notes);

    /// <summary>A part left out (or null) stays as it is; <c>metadata</c> replaces the whole set.</summary>
    public sealed record UpdateRequest(string? Notes, Dictionary<string, string?>? Metadata, string? Status, long? AssetTypeId);

    public sealed record ForceReleaseRequest(string? Reason);

    public sealed record Asset(
        long Id,
        string Name,
        long AssetTypeId,
        string AssetTypeName,
        string Status,
        long? HoldingOrderId,
        DateTimeOffset? ExpiresAt,
        DateTimeOffset? LastReleasedAt,
        DateTimeOffset StatusChangedAt,
        string Notes,
        IReadOnlyDictionary<string, string> Metadata,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt)
    {
        public static Asset From(PoolAssetView view) => new(
            view.Id, view.Name, view.AssetTypeId, view.AssetTypeName, WireName<PoolAssetStatus>.Of(view.Status), view.HoldingOrderId,
            view.ExpiresAt, view.LastReleasedAt, view.StatusChangedAt, view.Notes, view.Metadata, view.CreatedAt, view.UpdatedAt);
    }

    public sealed record AssetPage(IReadOnlyList<Asset> Items, string? NextCursor);

    public sealed record BulkResult(int CreatedCount, int SkippedCount, IReadOnlyList<string> Created, IReadOnlyList<string> Skipped);

    public sealed record ImportRow(int Row, string Name, string Action, string? Reason);

    public sealed record ImportReport(bool DryRun, bool Applied, int Rows, int Create, int SkipExisting, int Errors, IReadOnlyList<ImportRow> Report)
    {
        public static ImportReport From(PoolImportReport report) => new(
            report.DryRun, report.Applied, report.Rows.Count, report.CreateCount, report.SkipCount, report.ErrorCount,
            [.. report.Rows.Select(r => new ImportRow(r.Row, r.Name, WireName<PoolImportAction>.Of(r.Action), r.Reason))]);
    }

    public sealed record TypeCounts(
        long AssetTypeId, int Free, int Reserved, int Busy, int Maintenance, int Reinstall, int Reinstalling, int Failed, int Total);
}
