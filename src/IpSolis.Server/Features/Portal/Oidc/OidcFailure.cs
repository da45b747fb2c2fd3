namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>Why an OpenID Connect step failed. Recorded in the audit log; the visitor only reads that signing in
/// did not work.</summary>
public enum OidcFailure
{
    /// <summary>Discovery, JWKS or the token endpoint did not answer or answered with an error.</summary>
    ProviderUnavailable,

    /// <summary>The discovery document is unusable or names another issuer.</summary>
    DiscoveryInvalid,

    /// <summary>The token endpoint refused the code (expired, used, wrong verifier, wrong client secret).</summary>
    CodeRejected,

    /// <summary>The token response had no id_token, or it does not parse as a JWT.</summary>
    IdTokenMalformed,

    /// <summary>Unsigned (<c>alg: none</c>), or signed with an algorithm we do not accept.</summary>
    AlgorithmNotAllowed,

    /// <summary>No key of the provider's JWKS (even after fetching it again) has the token's <c>kid</c>.</summary>
    UnknownSigningKey,

    InvalidSignature,

    WrongIssuer,

    WrongAudience,

    /// <summary>Several audiences and <c>azp</c> is not our client.</summary>
    WrongAuthorizedParty,

    Expired,

    /// <summary><c>iat</c> or <c>nbf</c> lies in the future.</summary>
    NotYetValid,

    WrongNonce,

    /// <summary>No <c>sub</c>.</summary>
    MissingSubject,

    /// <summary>The authorization response's <c>iss</c> parameter is not the provider's issuer (mix-up attack).</summary>
    WrongResponseIssuer,
}
