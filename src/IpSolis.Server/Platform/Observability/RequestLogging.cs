using System.Diagnostics;

namespace IpSolis.Server.Platform.Observability;

/// <summary>
/// One log event per request: method, path (never the query string, which may carry tokens), status and duration.
/// Probes (<see cref="OperationalEndpoint"/>) log at Debug so that a load balancer does not flood the log.
/// </summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var probe = context.GetEndpoint()?.Metadata.GetMetadata<OperationalEndpoint>() is not null;
            // A request refused by load shedding is the node protecting itself, not a fault: one error line per refusal
            // would flood the log exactly when the node is busiest.
            var level = status >= 500 ? (Http.LoadShedding.WasShed(context) ? LogLevel.Warning : LogLevel.Error)
                : probe ? LogLevel.Debug : LogLevel.Information;
            if (logger.IsEnabled(level))
                LogRequest(logger, level, context.Request.Method, SafePath(context), status, Math.Round(duration, 2));
        }
    }

    /// <summary>The path with secret route values (signed-link tokens) masked.</summary>
    internal static string SafePath(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && text.Length > 0 && SecretRouteValues.Contains(name))
                path = path.Replace(text, "***", StringComparison.Ordinal);
        }

        return path;
    }

    private static readonly HashSet<string> SecretRouteValues = new(StringComparer.OrdinalIgnoreCase) { "token", "key", "secret", "code" };

    [LoggerMessage(EventId = 1, Message = "{Method} {Path} answered {Status} in {DurationMs} ms")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string path, int status, double durationMs);
}
