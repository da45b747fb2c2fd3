namespace IpSolis.Server.Platform.Observability;

/// <summary>
/// Marks health and probe endpoints. Authentication, rate limiting and maintenance mode let requests to an
/// endpoint carrying this metadata through untouched, so load balancers and orchestrators always get an answer.
/// </summary>
public sealed class OperationalEndpoint
{
    public static readonly OperationalEndpoint Instance = new();

    private OperationalEndpoint()
    {
    }
}
