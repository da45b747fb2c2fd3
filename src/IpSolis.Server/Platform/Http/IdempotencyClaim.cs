namespace IpSolis.Server.Platform.Http;

/// <summary>
/// What <see cref="IdempotencyKeys.ClaimAsync"/> found: the key is now this request's (<see cref="RecordId"/>), or
/// an earlier identical request's response to replay (<see cref="Replay"/>), or a refusal (<see cref="Refusal"/>:
/// the key was used with another request, or that request is still running).
/// </summary>
public sealed record IdempotencyClaim(long? RecordId, StoredResponse? Replay, IResult? Refusal);
