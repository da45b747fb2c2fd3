namespace IpSolis.Server.Features.Portal;

/// <summary>What a portal sign-in attempt led to; the page words it in the visitor's language.</summary>
/// <param name="Status">200 signed in; 401 wrong credentials (or inactive: the visitor is not told which); 423 locked; 429 too many attempts.</param>
public sealed record PortalSignInOutcome(int Status, TimeSpan? RetryAfter = null, DateTimeOffset? LockedUntil = null)
{
    public bool SignedIn => Status == StatusCodes.Status200OK;
}
