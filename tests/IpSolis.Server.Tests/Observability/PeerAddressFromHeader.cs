using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace IpSolis.Server.Tests.Observability;

/// <summary>
/// The in-memory test server has no TCP peer. This sets the connection's remote address from <c>X-Test-Peer</c>
/// before the app's own pipeline runs, so address-based rules can be tested as if the client were there.
/// </summary>
internal sealed class PeerAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var peer))
                context.Connection.RemoteIpAddress = peer;
            return nextMiddleware(context);
        });
        next(app);
    };
}
