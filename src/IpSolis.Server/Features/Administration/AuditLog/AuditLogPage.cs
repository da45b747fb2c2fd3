using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Features.Administration.AuditLog;

/// <summary>One page of audit rows, newest first, with the cursors to the older and newer pages (null at either end).</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditEntry> Rows, long? OlderCursor, long? NewerCursor);
