using System.Globalization;
using System.Net;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Observability;
using IpSolis.Server.Platform.Observability.Metrics;

namespace IpSolis.Server.Platform.Http;

/// <summary>
/// Refuses requests the node cannot serve in reasonable time — 503 with <c>Retry-After</c>, a problem of the same
/// shape as maintenance mode's (code <c>server.busy</c>) — instead of letting them queue until every client times
/// out. Runs right after routing, so health endpoints and <c>/metrics</c> (<see cref="OperationalEndpoint"/>) are
/// recognised and always answered. Slots and limits are <see cref="RequestAdmission"/>'s. A request that fails
/// because PostgreSQL's connection pool ran dry is answered the same way (when nothing was sent yet), and new
/// requests are refused for <see cref="LoadSheddingOptions.RetryAfterSeconds"/>.
/// </summary>
internal sealed class LoadShedding(RequestDelegate next, RequestAdmission admission, HttpMetrics metrics)
{
    public const string ProblemCode = "server.busy";

    private const string ShedItem = "ipsolis.shed";

    /// <summary>Whether this request was refused by load shedding (logged as a warning, not as an error).</summary>
    public static bool WasShed(HttpContext context) => context.Items.ContainsKey(ShedItem);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<OperationalEndpoint>() is not null)
        {
            await next(context);
            return;
        }

        if (await admission.EnterAsync(context.RequestAborted) is { } refused)
        {
            await RefuseAsync(context, refused);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (DatabaseErrors.IsPoolExhausted(ex) && !context.Response.HasStarted)
        {
            admission.DatabasePoolExhausted();
            context.Response.Clear();
            await RefuseAsync(context, RequestAdmission.Database);
        }
        finally
        {
            admission.Leave();
        }
    }

    private async Task RefuseAsync(HttpContext context, string reason)
    {
        metrics.Shed(reason);
        context.Items[ShedItem] = reason;
        var retryAfter = admission.Options.RetryAfterSeconds;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        const string title = "ip·Solis is too busy to take this request right now.";
        var detail = reason == RequestAdmission.Database
            ? $"The database is saturated. Nothing was changed; try again in {retryAfter} seconds."
            : $"Too many requests are in progress. Nothing was changed; try again in {retryAfter} seconds.";
        if (!context.Request.Path.StartsWithSegments("/api")
            && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Busy · ip·Solis</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"stylesheet\" href=\"/css/ipsolis.css\"></head>"
                + $"<body><main class=\"error-page\"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(detail)}</p></main></body></html>",
                context.RequestAborted);
            return;
        }

        await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = ProblemCode, ["reason"] = reason, ["retryAfterSeconds"] = retryAfter })
            .ExecuteAsync(context);
    }
}
