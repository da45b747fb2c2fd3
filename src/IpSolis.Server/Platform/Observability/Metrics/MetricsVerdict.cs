namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>What <see cref="MetricsAccess"/> decided about one scrape.</summary>
public enum MetricsVerdict
{
    /// <summary>No allow-list and no <c>metrics:read</c> token: the endpoint does not exist (404).</summary>
    Off,

    /// <summary>No credentials, or a token that is unknown, revoked or expired (401).</summary>
    Unauthenticated,

    /// <summary>A valid token without the scope (403).</summary>
    Forbidden,

    Allowed,
}
