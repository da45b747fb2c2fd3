using System.Globalization;
using System.Net;

namespace IpSolis.Server.Features.Maintenance;

/// <summary>
/// Refuses state-changing requests to endpoints marked <see cref="RefusedDuringMaintenanceAttribute"/> while
/// maintenance mode is on: 503 with Retry-After, as a problem for the API and as a short page for browsers. Requests
/// that started before the switch run to their end.
/// </summary>
public static class MaintenanceGate
{
    public const string ProblemCode = "maintenance.active";

    public static IApplicationBuilder UseMaintenanceGate(this IApplicationBuilder app) => app.Use(static async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<RefusedDuringMaintenanceAttribute>() is null)
        {
            await next(context);
            return;
        }

        var mode = context.RequestServices.GetRequiredService<MaintenanceMode>();
        if (!await mode.IsOnAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }

        var retryAfter = await mode.RetryAfterSecondsAsync(context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        const string title = "ip·Solis is in maintenance: new orders and approval decisions are paused.";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title,
                detail: $"Try again in {retryAfter} seconds; reading still works.",
                extensions: new Dictionary<string, object?> { ["code"] = ProblemCode, ["retryAfterSeconds"] = retryAfter }).ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Maintenance · ip·Solis</title>"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"stylesheet\" href=\"/css/ipsolis.css\"></head>"
            + $"<body><main class=\"portal-content\" id=\"main\"><h1>{WebUtility.HtmlEncode(title)}</h1>"
            + $"<p>Nothing was submitted. Please try again in a few minutes (about {retryAfter / 60 + 1} min). <a href=\"/portal\">Back to the portal</a></p></main></body></html>",
            context.RequestAborted);
    });

    /// <summary>Marks a minimal API endpoint as refused during maintenance.</summary>
    public static TBuilder RefusedDuringMaintenance<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RefusedDuringMaintenanceAttribute());
}
