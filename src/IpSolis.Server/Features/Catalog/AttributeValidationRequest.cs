namespace IpSolis.Server.Features.Catalog;

/// <summary>Limits on an attribute's values: <c>min</c>/<c>max</c> for INT (values) and MULTI_ENUM (choices),
/// lengths and a whole-value <c>pattern</c> for STRING.</summary>
public sealed record AttributeValidationRequest(long? Min, long? Max, int? MinLength, int? MaxLength, string? Pattern, string? PatternMessage);
