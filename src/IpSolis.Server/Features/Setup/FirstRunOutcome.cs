using IpSolis.Domain;

namespace IpSolis.Server.Features.Setup;

/// <summary>The result of the first-run form: created (and signed in), too late, or invalid input.</summary>
public sealed record FirstRunOutcome(bool Created, bool AlreadyExists, IReadOnlyList<DomainError> Errors)
{
    public const string AlreadyExistsMessage = "An administrator already exists — sign in.";
}
