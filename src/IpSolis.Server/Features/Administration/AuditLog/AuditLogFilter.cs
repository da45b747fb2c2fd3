namespace IpSolis.Server.Features.Administration.AuditLog;

/// <summary>What the audit viewer, its exports and <c>GET /api/v1/admin/audit</c> filter by. Empty parts match everything.</summary>
public sealed record AuditLogFilter(
    string? Actor = null,
    string? EntityType = null,
    string? EntityId = null,
    string? Action = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null)
{
    /// <summary>The filter as query-string pairs (for links that keep it).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        if (!string.IsNullOrWhiteSpace(Actor))
            yield return new("actor", Actor);
        if (!string.IsNullOrWhiteSpace(EntityType))
            yield return new("entityType", EntityType);
        if (!string.IsNullOrWhiteSpace(EntityId))
            yield return new("entityId", EntityId);
        if (!string.IsNullOrWhiteSpace(Action))
            yield return new("action", Action);
        if (From is { } from)
            yield return new("from", from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        if (To is { } to)
            yield return new("to", to.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }
}
