namespace IpSolis.Server.Features.Directory;

public enum DirectoryAuthenticationResult
{
    Authenticated,

    /// <summary>Unknown person or the wrong password; the visitor is never told which.</summary>
    Wrong,

    /// <summary>The password was right but the account is disabled in the directory.</summary>
    Disabled,
}
