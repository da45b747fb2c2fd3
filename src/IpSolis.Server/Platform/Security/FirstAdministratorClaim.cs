namespace IpSolis.Server.Platform.Security;

/// <summary>
/// The single row that says "the first administrator was created here". Its fixed key is what lets exactly one of
/// several simultaneous first-run forms win on every database: the others fail on the primary key.
/// </summary>
public sealed class FirstAdministratorClaim
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public required string Username { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }
}
