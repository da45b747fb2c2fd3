namespace IpSolis.Server.Tests.Oidc;

/// <summary>
/// The OIDC tests share one provider process, and one of them rotates its signing keys: they run one class at a
/// time, so a rotation never lands between another test's sign-in and its JWKS lookup.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OidcProviderCollection
{
    public const string Name = "oidc-provider";
}
