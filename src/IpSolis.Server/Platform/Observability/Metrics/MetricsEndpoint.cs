using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format, on every node whatever its roles (workers have the job
/// figures). An <see cref="OperationalEndpoint"/>: never shed, never in maintenance, logged at Debug; access is
/// checked here by <see cref="MetricsAccess"/>, since the admin authentication scheme only looks at <c>/api</c>
/// and <c>/ui</c>.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapIpSolisMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, static async (HttpContext context, MetricsAccess access, MetricsCollector collector, ReadinessMetrics readiness) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                switch (await access.CheckAsync(context))
                {
                    case MetricsVerdict.Off:
                        await ProblemAsync(context, StatusCodes.Status404NotFound, "Not found",
                            "Metrics are off: set Metrics:AllowedNetworks or create an API token with the metrics:read scope.");
                        return;
                    case MetricsVerdict.Unauthenticated:
                        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"ipsolis\"";
                        await ProblemAsync(context, StatusCodes.Status401Unauthorized, "Authentication required",
                            "Send an API token with the metrics:read scope as 'Authorization: Bearer ips_…', or scrape from an allowed network.");
                        return;
                    case MetricsVerdict.Forbidden:
                        await ProblemAsync(context, StatusCodes.Status403Forbidden, "Not allowed",
                            "This token does not carry the metrics:read scope.");
                        return;
                }

                await readiness.RefreshAsync(context.RequestAborted);
                var body = Encoding.UTF8.GetBytes(collector.Scrape());
                context.Response.ContentType = PrometheusText.ContentType;
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
            })
            .WithMetadata(OperationalEndpoint.Instance)
            .ExcludeFromDescription();
        return endpoints;
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
