namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>A protocol step's value, or its typed failure with a detail line for the audit log (never a token or
/// a secret).</summary>
public sealed record OidcResult<T>(T? Value, OidcFailure? Failure, string? Detail)
    where T : class
{
    public bool Succeeded => Failure is null;

    public static OidcResult<T> Success(T value) => new(value, null, null);

    public static OidcResult<T> Failed(OidcFailure failure, string detail) => new(null, failure, detail);
}
