namespace IpSolis.Server.Platform.Observability;

/// <summary>
/// Marks health and probe endpoints (and <c>/metrics</c>). Authentication, rate limiting, load shedding and
/// maintenance mode let requests to an endpoint carrying this metadata through untouched, so load balancers,
/// orchestrators and Prometheus always get an answer, above all when the node is overloaded.
/// </summary>
public sealed class OperationalEndpoint
{
    public static readonly OperationalEndpoint Instance = new();

    private OperationalEndpoint()
    {
    }
}
