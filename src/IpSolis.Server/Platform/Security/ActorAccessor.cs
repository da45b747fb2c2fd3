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
            if (AdminIdentity.From(context.User) is { } admin)
                return admin.Actor(address);
            return PortalUser.From(context.User) is { } employee ? AuditActor.PortalUser(employee.Email, address) : AuditActor.Anonymous(address);
        }
    }
}
