using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IpSolis.Server.Platform.Http;

/// <summary>
/// Every API error is RFC 9457 <c>application/problem+json</c> with a correlation id (the trace id, also in the
/// log line of the failing request); unknown <c>/api</c> routes answer 404 the same way. Outside Development an
/// unhandled exception shows no detail. Pages get an HTML error page with the same correlation id.
/// </summary>
internal static partial class ErrorResponses
{
    public static IServiceCollection AddIpSolisProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var correlationId = Activity.Current?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions["correlationId"] = correlationId;
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        return services;
    }

    public static WebApplication UseIpSolisErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = async context =>
            {
                var feature = context.Features.Get<IExceptionHandlerFeature>();
                var status = context.Response.StatusCode;
                var correlationId = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
                if (IsApi(context.Request) || !AcceptsHtml(context.Request))
                {
                    var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                    var problem = new ProblemDetails
                    {
                        Status = status,
                        Title = status == 500 ? "An unexpected error occurred." : "The request could not be processed.",
                        Detail = app.Environment.IsDevelopment() ? feature?.Error.ToString() : null,
                    };
                    await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = feature?.Error });
                    return;
                }

                context.Response.ContentType = "text/html; charset=utf-8";
                var detail = app.Environment.IsDevelopment() && feature is not null
                    ? $"<pre>{System.Net.WebUtility.HtmlEncode(feature.Error.ToString())}</pre>"
                    : "";
                await context.Response.WriteAsync(
                    $"""
                    <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Something went wrong · ip·Solis</title><link rel="stylesheet" href="/css/ipsolis.css"></head>
                    <body><main class="error-page"><h1>Something went wrong</h1>
                    <p>The request could not be completed. If it keeps happening, give your administrator this reference:</p>
                    <p><code>{correlationId}</code></p><p><a class="btn" href="/">Back to the start page</a></p>{detail}</main></body></html>
                    """);
            },
        });

        // Plain status codes from the pipeline (404 for an unknown API route, 405, 415...) become problems on /api.
        app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            if (!IsApi(context.Request))
                return;
            var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await writer.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = context.Response.StatusCode },
            });
        });
        return app;
    }

    /// <summary>Unknown routes under <c>/api</c> answer 404 problem+json rather than falling through to the UI.</summary>
    public static IEndpointRouteBuilder MapApiNotFound(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/api/{**path}", (HttpContext context) => Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Not found",
                detail: $"No API endpoint answers {context.Request.Method} {context.Request.Path}."))
            .ExcludeFromDescription();
        return endpoints;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
