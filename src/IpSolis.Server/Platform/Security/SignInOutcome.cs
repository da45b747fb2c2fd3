namespace IpSolis.Server.Platform.Security;

/// <summary>What a sign-in attempt led to: the HTTP status to answer with and the message to show.</summary>
/// <param name="Status">200 signed in; 401 wrong credentials; 423 locked; 429 too many attempts.</param>
/// <param name="RotationDue">Signed in, but the password must be changed now.</param>
public sealed record SignInOutcome(int Status, string? Message = null, TimeSpan? RetryAfter = null, bool RotationDue = false)
{
    public const string WrongCredentials = "Incorrect username or password.";

    public bool SignedIn => Status == StatusCodes.Status200OK;
}
