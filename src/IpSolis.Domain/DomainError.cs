namespace IpSolis.Domain;

/// <summary>
/// An expected failure of a rule, in the product's words. <paramref name="Field"/> names the input that caused it,
/// so an API problem or a form can point at it.
/// </summary>
public sealed record DomainError(string Code, string Message, string? Field = null);
