namespace IpSolis.Server.Platform.Http;

/// <summary>
/// One <c>Idempotency-Key</c> a caller used on a creating POST: the hash of the request it came with and, once the
/// request finished, the response to replay. A row without a response is a request still running (or one whose
/// node died mid-way; it expires like every other row).
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>Who used the key (<c>token:12</c>, <c>admin:3</c>, <c>portal:ann@example.com</c>): keys are per caller.</summary>
    public required string Caller { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 (hex) of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }

    /// <summary>Null while the request runs.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? ResponseBody { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the daily purge removes it (24 h after first use).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
