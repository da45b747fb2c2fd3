using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Platform.Security;

/// <summary>The actor behind the current request (signed-in admin, API token, legacy key, portal user, or anonymous
/// with its client address), for audit rows and authorization decisions.</summary>
public interface IActorAccessor
{
    AuditActor Current { get; }
}
