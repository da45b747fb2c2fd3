namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Behind a reverse proxy that terminates TLS the server sees plain HTTP, so every cookie would go out without its
/// <c>Secure</c> flag and every absolute link would start with <c>http:</c>. When the direct peer is one of our trusted
/// proxies (<c>Network:TrustedProxies</c>), its <c>X-Forwarded-Proto</c> is believed: the nearest (last) value sets the
/// request's scheme. From any other peer the header is ignored, so a client cannot claim HTTPS for itself.
/// </summary>
internal static class ForwardedScheme
{
    public static IApplicationBuilder UseForwardedScheme(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            var forwarded = context.Request.Headers["X-Forwarded-Proto"].ToString();
            if (forwarded.Length > 0 && context.RequestServices.GetRequiredService<ClientAddress>().IsFromTrustedProxy(context))
            {
                var nearest = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
                if (nearest.Equals("https", StringComparison.OrdinalIgnoreCase))
                    context.Request.Scheme = "https";
                else if (nearest.Equals("http", StringComparison.OrdinalIgnoreCase))
                    context.Request.Scheme = "http";
            }

            return next(context);
        });
}
