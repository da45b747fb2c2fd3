using System.Globalization;
using System.Text;
using System.Text.Json;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Security;

namespace IpSolis.Server.Features.Administration.AuditLog;

/// <summary>
/// <c>GET /api/v1/admin/audit</c> (JSON, cursor pagination) and the viewer's exports
/// <c>/ui/audit/export.csv</c> and <c>/ui/audit/export.jsonl</c>, all with the viewer's filters.
/// </summary>
public static class AuditLogEndpoints
{
    public static WebApplication MapIpSolisAuditLog(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapGet("/admin/audit", async (HttpContext context, AuditLogQuery query, CancellationToken ct) =>
            {
                if (!TryReadFilter(context.Request.Query, out var filter, out var problem))
                    return Results.ValidationProblem(problem);
                var size = int.TryParse(context.Request.Query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : AuditLogQuery.DefaultPageSize;
                long? cursor = long.TryParse(context.Request.Query["cursor"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
                var page = await query.PageAsync(filter, cursor, null, size, ct);
                return Results.Json(new
                {
                    items = page.Rows.Select(Item),
                    nextCursor = page.OlderCursor?.ToString(CultureInfo.InvariantCulture),
                });
            })
            .RequireAuthorization(AdminPolicies.Auditor).RequireTokenScope("audit:read").WithTags("Audit")
            .WithSummary("Audit rows, newest first. Filters: actor (contains), entityType, entityId, action (prefix), from, to (ISO 8601). Pass nextCursor as cursor for the next page; limit 1–500 (50).");

        app.MapGet("/ui/audit/export.csv", (HttpContext context, AuditLogQuery query) =>
                Export(context, query, "text/csv; charset=utf-8", "csv", AuditCsv.Header, AuditCsv.Line))
            .RequireAuthorization(AdminPolicies.Auditor).ExcludeFromDescription();
        app.MapGet("/ui/audit/export.jsonl", (HttpContext context, AuditLogQuery query) =>
                Export(context, query, "application/x-ndjson; charset=utf-8", "jsonl", null, row => JsonSerializer.Serialize(Item(row))))
            .RequireAuthorization(AdminPolicies.Auditor).ExcludeFromDescription();
        return app;
    }

    /// <summary>Reads the filter from query parameters; times are ISO 8601 (a bare date means midnight UTC).</summary>
    public static bool TryReadFilter(IQueryCollection query, out AuditLogFilter filter, out Dictionary<string, string[]> problems)
    {
        problems = [];
        var from = ReadTime(query, "from", problems);
        var to = ReadTime(query, "to", problems);
        filter = new AuditLogFilter(Text(query, "actor"), Text(query, "entityType"), Text(query, "entityId"), Text(query, "action"), from, to);
        return problems.Count == 0;
    }

    private static async Task Export(HttpContext context, AuditLogQuery query, string contentType, string extension, string? header, Func<AuditEntry, string> line)
    {
        if (!TryReadFilter(context.Request.Query, out var filter, out var problems))
        {
            await Results.ValidationProblem(problems).ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = contentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-log-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{extension}\"";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 64 * 1024);
        writer.NewLine = "\n";
        if (header is not null)
            await writer.WriteLineAsync(header);
        await foreach (var row in query.StreamAsync(filter, context.RequestAborted))
            await writer.WriteLineAsync(line(row));
    }

    private static object Item(AuditEntry row) => new
    {
        sequence = row.Sequence,
        occurredAt = row.OccurredAt,
        actor = row.Actor,
        action = row.Action,
        entityType = row.EntityType,
        entityId = row.EntityId,
        classification = row.Classification,
        clientIp = row.ClientIp,
        oldValues = Json(row.OldValues),
        newValues = Json(row.NewValues),
        previousHash = row.PreviousHash,
        hash = row.Hash,
    };

    private static JsonElement? Json(string? text)
    {
        if (text is null)
            return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    private static string? Text(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

    private static DateTimeOffset? ReadTime(IQueryCollection query, string name, Dictionary<string, string[]> problems)
    {
        if (Text(query, name) is not { } text)
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        problems[name] = [$"'{text}' is not a date or time (use ISO 8601, like 2026-03-01 or 2026-03-01T08:00:00Z)."];
        return null;
    }
}
