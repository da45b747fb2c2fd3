using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Platform.Security;

internal sealed class ActorAccessor(IHttpContextAccessor http, ClientAddress addresses) : IActorAccessor
{
    public AuditActor Current
    {
        get
        {
            if (http.HttpContext is not { } context)
                return AuditActor.System("host");
            var address = addresses.Of(context);
            return AdminIdentity.From(context.User)?.Actor(address) ?? AuditActor.Anonymous(address);
        }
    }
}
