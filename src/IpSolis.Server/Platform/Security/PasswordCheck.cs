namespace IpSolis.Server.Platform.Security;

/// <summary>The result of checking a password against its stored hash.</summary>
public enum PasswordCheck
{
    Wrong,
    Correct,

    /// <summary>Right, but hashed at a lower cost than today's: rehash it now that the password is known.</summary>
    CorrectButOutdated,
}
