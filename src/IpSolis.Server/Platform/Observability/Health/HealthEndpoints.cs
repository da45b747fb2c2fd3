using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpSolis.Server.Platform.Observability.Health;

/// <summary>
/// <c>/livez</c> (the process answers), <c>/readyz</c> (the node can serve: database up, schema current) and
/// <c>/health</c> (every component). Exempt from authentication, rate limits and maintenance mode.
/// </summary>
internal static class HealthEndpoints
{
    private static readonly byte[] LiveBody = """{"status":"ok"}"""u8.ToArray();

    public static IServiceCollection AddIpSolisHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Critical, HealthTags.Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [HealthTags.Critical, HealthTags.Ready])
            .AddCheck<NodesHealthCheck>("nodes");
        return services;
    }

    public static IEndpointRouteBuilder MapIpSolisHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/livez", static context =>
            {
                context.Response.ContentType = "application/json";
                context.Response.Headers.CacheControl = "no-store";
                return context.Response.Body.WriteAsync(LiveBody).AsTask();
            })
            .WithMetadata(OperationalEndpoint.Instance)
            .ExcludeFromDescription()
            // Answered by the routing middleware itself: authentication, rate limits, localization, antiforgery and
            // the rest have nothing to say about whether the process is alive, and a probe that runs through them
            // cost over half the throughput of a bare Kestrel endpoint (docs/PERFORMANCE.md, /livez). What runs
            // before routing still applies: security headers, request metrics and logging.
            .ShortCircuit();

        endpoints.MapGet("/readyz", static async (HealthCheckService health, HttpContext context) =>
            {
                var report = await health.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready), context.RequestAborted);
                var failure = report.Entries.FirstOrDefault(e => e.Value.Status == HealthStatus.Unhealthy);
                context.Response.Headers.CacheControl = "no-store";
                return failure.Key is null
                    ? Results.Json(new { status = "ok" })
                    : Results.Json(new { status = "error", reason = $"{failure.Key}: {failure.Value.Description}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithMetadata(OperationalEndpoint.Instance)
            .ExcludeFromDescription();

        endpoints.MapGet("/health", static async (HealthCheckService health, HttpContext context) =>
            {
                var report = await health.CheckHealthAsync(context.RequestAborted);
                var summary = HealthSummary.From(report);
                context.Response.Headers.CacheControl = "no-store";
                return Results.Json(summary, JsonOptions, statusCode: summary.Status == HealthSummary.Error ? 503 : 200);
            })
            .WithMetadata(OperationalEndpoint.Instance)
            .ExcludeFromDescription();

        return endpoints;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
