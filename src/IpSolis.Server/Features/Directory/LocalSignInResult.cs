namespace IpSolis.Server.Features.Directory;

/// <summary>What checking a local-directory password found. Only the audit log tells the failures apart.</summary>
public enum LocalSignInResult
{
    SignedIn,

    /// <summary>Unknown person, no portal password, or the wrong one.</summary>
    Wrong,

    Inactive,

    Locked,
}
