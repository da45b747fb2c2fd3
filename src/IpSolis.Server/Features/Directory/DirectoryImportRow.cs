namespace IpSolis.Server.Features.Directory;

/// <param name="Line">Where the row (CSV) or entry (LDIF) starts in the file, from 1.</param>
/// <param name="Message">What is wrong (errors) or what changes (updates).</param>
public sealed record DirectoryImportRow(int Line, string? Email, DirectoryImportAction Action, string? Message = null);
