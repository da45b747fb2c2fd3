using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// Imports pool assets from CSV (columns <c>name</c>, <c>asset_type</c> as name or id, optional <c>status</c>
/// free|maintenance, <c>notes</c>, <c>meta.&lt;key&gt;</c>). A dry run reports what each row would do and changes
/// nothing; a real run checks again inside its transaction and applies only when no row has an error, so a file is
/// imported whole or not at all. Names already in the pool are skipped, never overwritten.
/// </summary>
public sealed class PoolImport(IDbContextFactory<IpSolisDbContext> contexts, IAuditTrail audit, TimeProvider time)
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;

    /// <summary>File-level problems (size, encoding, header) fail the result; row problems are in the report.</summary>
    public async Task<Result<PoolImportReport>> RunAsync(AssetTypeScope scope, AuditActor actor, byte[] content, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > MaxBytes)
            return TooLarge();
        var table = PoolCsv.Read(content, MaxRows);
        if (!table.Succeeded)
            return Result<PoolImportReport>.Failure([.. table.Errors]);
        if (table.Value.Header.Count == 0)
            return new DomainError("pool_import.empty", "The file is empty. The first line must name the columns: name, asset_type, status, notes, meta.<key>.", "file");
        var columns = PoolImportColumns.Read(table.Value.Header);
        if (!columns.Succeeded)
            return Result<PoolImportReport>.Failure([.. columns.Errors]);
        if (table.Value.Records.Count == 0)
            return new DomainError("pool_import.empty", "The file has a header but no rows to import.", "file");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = dryRun ? null : await db.Database.BeginTransactionAsync(cancellationToken);
        var types = await PoolTypes.InScopeAsync(db, scope, cancellationToken);
        var planned = Plan(table.Value.Records, columns.Value, types);
        var existing = await PoolAssetRows.ExistingNamesAsync(db, [.. planned.Where(p => p.Asset is not null).Select(p => p.Asset!.Name)], cancellationToken);
        var rows = planned.Select(p => p.Asset is null
                ? p.Row
                : existing.Contains(p.Asset.Name) ? p.Row with { Action = PoolImportAction.SkipExisting, Reason = "An asset of that name is already in the pool." } : p.Row)
            .ToList();
        var report = new PoolImportReport(dryRun, Applied: false, rows);
        if (dryRun || report.ErrorCount > 0)
            return report;

        var toCreate = planned.Where(p => p.Asset is not null && !existing.Contains(p.Asset.Name)).Select(p => p.Asset!).ToList();
        if (toCreate.Count > 0)
        {
            var now = time.GetUtcNow();
            foreach (var asset in toCreate)
            {
                asset.StatusChangedAt = asset.CreatedAt = asset.UpdatedAt = now;
                db.Add(asset);
            }

            var typeNames = types.ToDictionary(t => t.Id, t => t.Name);
            audit.Record(db, actor, new AuditEvent("pool_asset.imported", "pool_asset", NewValues: new
            {
                rows = rows.Count,
                createdCount = toCreate.Count,
                skippedCount = report.SkipCount,
                assetTypes = toCreate.GroupBy(a => a.AssetTypeId).ToDictionary(g => typeNames.GetValueOrDefault(g.Key, $"#{g.Key}"), g => g.Count()),
                created = toCreate.Take(PoolBulkCreation.AuditedNames).Select(a => a.Name),
            }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction!.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                return new DomainError("pool_asset.name_taken",
                    "Some of these names were created by someone else meanwhile. Check the file again: names that exist are skipped.", "file");
            }
        }

        return report with { Applied = true };
    }

    public static DomainError TooLarge() =>
        new("pool_import.too_large", string.Create(CultureInfo.InvariantCulture, $"The file is larger than {MaxBytes / 1024 / 1024} MB; split it into smaller files."), "file");

    /// <summary>Checks every row on its own and against the rows before it (a name twice in one file is an error).</summary>
    private static List<(PoolImportRow Row, PoolAsset? Asset)> Plan(IReadOnlyList<PoolCsvRecord> records, PoolImportColumns columns, IReadOnlyList<PoolTypeChoice> types)
    {
        var byId = types.ToDictionary(t => t.Id);
        var byName = types.GroupBy(t => t.Name.Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
        var firstLineOfName = new Dictionary<string, int>(StringComparer.Ordinal);
        var plan = new List<(PoolImportRow, PoolAsset?)>(records.Count);
        foreach (var record in records)
        {
            var rawName = Field(record, columns.Name)?.Trim() ?? "";
            PoolImportRow Error(string reason) => new(record.Line, rawName, PoolImportAction.Error, reason);

            if (record.Malformed)
            {
                plan.Add((Error("The quoting on this line is broken (a quote inside an unquoted value, or an unclosed quote)."), null));
                continue;
            }

            if (record.Fields.Count != columns.Count)
            {
                plan.Add((Error(string.Create(CultureInfo.InvariantCulture, $"The line has {record.Fields.Count} fields; the header has {columns.Count}.")), null));
                continue;
            }

            var problems = new List<string>();
            var name = PoolAssetName.Check(rawName);
            if (!name.Succeeded)
                problems.Add(name.Errors[0].Message);
            else if (firstLineOfName.TryGetValue(name.Value, out var earlier))
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"The name is already on line {earlier} of this file."));
            else
                firstLineOfName[name.Value] = record.Line;

            var type = ResolveType(Field(record, columns.AssetType), byId, byName, problems);

            var status = PoolAssetStatus.Free;
            var statusText = columns.Status is { } statusColumn ? Field(record, statusColumn)?.Trim() : null;
            if (!string.IsNullOrEmpty(statusText)
                && (!WireName<PoolAssetStatus>.TryParse(statusText, out status) || status is not (PoolAssetStatus.Free or PoolAssetStatus.Maintenance)))
                problems.Add($"status '{statusText}' is not allowed: an imported asset is free or maintenance.");

            var notes = PoolAssetNotes.Check(columns.Notes is { } notesColumn ? Field(record, notesColumn) : null);
            if (!notes.Succeeded)
                problems.Add(notes.Errors[0].Message);

            var metadata = PoolAssetMetadata.Check(columns.Metadata
                .Select(m => new KeyValuePair<string, string?>(m.Key, Field(record, m.Index)))
                .Where(p => !string.IsNullOrWhiteSpace(p.Value)));
            if (!metadata.Succeeded)
                problems.AddRange(metadata.Errors.Select(e => e.Message));

            if (problems.Count > 0)
            {
                plan.Add((Error(string.Join(" ", problems)), null));
                continue;
            }

            plan.Add((new PoolImportRow(record.Line, name.Value, PoolImportAction.Create), new PoolAsset
            {
                Name = name.Value,
                AssetTypeId = type!.Id,
                Status = status,
                Notes = notes.Value,
                Metadata = metadata.Value,
            }));
        }

        return plan;
    }

    private static PoolTypeChoice? ResolveType(string? text, Dictionary<long, PoolTypeChoice> byId, Dictionary<string, PoolTypeChoice> byName, List<string> problems)
    {
        var key = text?.Trim() ?? "";
        if (key.Length == 0)
        {
            problems.Add("asset_type is empty: give the asset type's name or id.");
            return null;
        }

        PoolTypeChoice? type = null;
        if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            byId.TryGetValue(id, out type);
        if (type is null)
            byName.TryGetValue(key.ToLowerInvariant(), out type);
        if (type is null)
        {
            problems.Add($"There is no asset type '{key}'.");
            return null;
        }

        var usable = PoolTypes.Usable(type, "asset_type");
        if (!usable.Succeeded)
        {
            problems.Add(usable.Errors[0].Message);
            return null;
        }

        return type;
    }

    private static string? Field(PoolCsvRecord record, int index) => index < record.Fields.Count ? record.Fields[index] : null;
}
