namespace IpSolis.Domain.Pool;

/// <summary>
/// Where each field is in a pool import CSV: <c>name</c> and <c>asset_type</c> are required, <c>status</c> and
/// <c>notes</c> optional, and every <c>meta.&lt;key&gt;</c> column becomes a metadata key. Header names are matched
/// case-insensitively; an unknown column is refused rather than silently ignored, so a typo never drops data.
/// </summary>
public sealed record PoolImportColumns(int Name, int AssetType, int? Status, int? Notes, IReadOnlyList<(string Key, int Index)> Metadata, int Count)
{
    public const string NameColumn = "name";
    public const string AssetTypeColumn = "asset_type";
    public const string StatusColumn = "status";
    public const string NotesColumn = "notes";
    public const string MetadataPrefix = "meta.";

    public static Result<PoolImportColumns> Read(IReadOnlyList<string>? header)
    {
        const string field = "file";
        if (header is null || header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
            return new DomainError("pool_import.header", $"The file has no header row. The first line must name the columns: {NameColumn}, {AssetTypeColumn} (required), {StatusColumn}, {NotesColumn}, {MetadataPrefix}<key> (optional).", field);

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var metadata = new List<(string, int)>();
        for (var i = 0; i < header.Count; i++)
        {
            var column = (header[i] ?? "").Trim().TrimStart('\uFEFF');
            if (column.Length == 0)
                return new DomainError("pool_import.header", $"Column {i + 1} of the header has no name.", field);
            if (!seen.TryAdd(column, i))
                return new DomainError("pool_import.header", $"The column '{column}' appears twice in the header.", field);
            if (column.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = column[MetadataPrefix.Length..];
                if (!PoolAssetMetadata.IsValidKey(key))
                    return new DomainError("pool_import.header", $"'{column}' does not name a valid metadata key: after '{MetadataPrefix}' use letters, digits, '_', '.' or '-'.", field);
                metadata.Add((key, i));
            }
            else if (!column.Equals(NameColumn, StringComparison.OrdinalIgnoreCase)
                && !column.Equals(AssetTypeColumn, StringComparison.OrdinalIgnoreCase)
                && !column.Equals(StatusColumn, StringComparison.OrdinalIgnoreCase)
                && !column.Equals(NotesColumn, StringComparison.OrdinalIgnoreCase))
            {
                return new DomainError("pool_import.header", $"Unknown column '{column}'. The columns are {NameColumn}, {AssetTypeColumn}, {StatusColumn}, {NotesColumn} and {MetadataPrefix}<key>.", field);
            }
        }

        var missing = new[] { NameColumn, AssetTypeColumn }.Where(c => !seen.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            return new DomainError("pool_import.header",
                $"The header is missing the required column{(missing.Count > 1 ? "s" : "")} {string.Join(" and ", missing.Select(c => $"'{c}'"))}.", field);

        if (metadata.Count > PoolAssetMetadata.MaxKeys)
            return new DomainError("pool_import.header", $"At most {PoolAssetMetadata.MaxKeys} {MetadataPrefix}<key> columns are allowed.", field);
        return new PoolImportColumns(
            seen[NameColumn], seen[AssetTypeColumn],
            seen.TryGetValue(StatusColumn, out var status) ? status : null,
            seen.TryGetValue(NotesColumn, out var notes) ? notes : null,
            metadata, header.Count);
    }
}
