namespace IpSolis.Server.Platform.Security;

public static class TokenScopeEndpointExtensions
{
    /// <summary>Tokens need <paramref name="scope"/> (or <c>admin:*</c>) to call these endpoints.</summary>
    public static TBuilder RequireTokenScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TokenScopeMetadata(scope));
}
