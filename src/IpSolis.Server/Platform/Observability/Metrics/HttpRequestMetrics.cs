using System.Diagnostics;

namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>Records every request in <see cref="HttpMetrics"/> once it is answered (or failed: then 500 unless a response had started).</summary>
internal sealed class HttpRequestMetrics(RequestDelegate next, HttpMetrics metrics)
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
            metrics.RequestFinished(context, status, Stopwatch.GetElapsedTime(started));
        }
    }
}
