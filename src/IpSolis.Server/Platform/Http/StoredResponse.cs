using System.Text;

namespace IpSolis.Server.Platform.Http;

/// <summary>
/// A response as data (status, body, Location): what <see cref="IdempotencyKeys"/> keeps of the first response to a
/// key and sends again, marked with <see cref="ReplayedHeader"/>, when the same request repeats.
/// </summary>
public sealed record StoredResponse(int StatusCode, string ContentType, string Body, string? Location = null) : IResult
{
    /// <summary>Header set on a replayed response.</summary>
    public const string ReplayedHeader = "Idempotency-Replayed";

    public bool Replayed { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType;
        if (Location is not null)
            httpContext.Response.Headers.Location = Location;
        if (Replayed)
            httpContext.Response.Headers[ReplayedHeader] = "true";
        await httpContext.Response.WriteAsync(Body, Encoding.UTF8, httpContext.RequestAborted);
    }
}
