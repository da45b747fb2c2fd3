using System.Globalization;
using System.Threading.RateLimiting;
using IpSolis.Domain.Access;
using IpSolis.Server.Features.Administration;
using IpSolis.Server.Features.Setup;
using IpSolis.Server.Platform.Configuration;
using IpSolis.Server.Platform.Settings;
using Microsoft.AspNetCore.Authentication;
using IpSolis.Server.Platform.Jobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Security;

/// <summary>Administrator access: authentication, role policies, sessions, tokens, rate limits, shared key ring.</summary>
public static class AccessServices
{
    public static IServiceCollection AddIpSolisAccess(this IServiceCollection services)
    {
        services.AddValidatedOptions<AccessOptions, AccessOptionsValidator>(AccessOptions.Section);
        services.AddValidatedOptions<NetworkOptions, NetworkOptionsValidator>(NetworkOptions.Section);
        services.AddHttpContextAccessor();

        services.AddSingleton(sp => new ClientAddress(sp.GetRequiredService<IOptions<NetworkOptions>>().Value.TrustedNetworks()));
        services.AddSingleton<IActorAccessor, ActorAccessor>();
        // The Security settings take their defaults from the bound Access options, so they are built on first use.
        services.AddSingleton(sp => new AccessSettings(sp.GetRequiredService<IOptions<AccessOptions>>().Value));
        foreach (var member in AccessSettings.Members)
            services.AddSingleton(sp => member(sp.GetRequiredService<AccessSettings>()));
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<AdminSessions>();
        services.AddSingleton<ApiTokenAuthentication>();
        services.AddSingleton<UnknownAccountLockouts>();
        services.AddSingleton(sp =>
        {
            var access = sp.GetRequiredService<IOptions<AccessOptions>>().Value;
            return new SignInThrottle(access.SignInPerAddressPerMinute, access.SignInPerUsernamePerMinute);
        });
        services.AddSingleton<AdminSignIn>();
        services.AddSingleton<FirstAdministrator>();
        services.AddSingleton<AdminAccounts>();
        services.AddSingleton<ApiTokens>();
        services.AddJobKind<ApiTokenPurge>(new JobKind(ApiTokenPurge.Kind, typeof(ApiTokenPurge)) { MaxAttempts = 3 });
        services.AddRecurringJob(ApiTokenPurge.Schedule);

        services.AddDataProtection().SetApplicationName("ipsolis");
        // Read raw, not through the validated options: the pipeline resolves antiforgery (and so this) while it is
        // built, and building must not throw for a configuration that 'config validate' is about to report.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(keys =>
        {
            keys.XmlRepository = new DatabaseKeyRing(sp);
            if (KeyRingSeal.SecretFrom(sp.GetRequiredService<IConfiguration>()) is { } secret)
                keys.XmlEncryptor = new KeyRingSeal(secret);
        }));

        // The default picks the portal or the admin scheme by path (see PortalAuthentication).
        services.AddAuthentication(PortalAuthentication.ByPathScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminAuthenticationHandler>(AdminAuthenticationHandler.SchemeName, null)
            .AddPortalAuthentication();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, AdminRoleAuthorization>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Superadmin, p => Require(p, AdminRole.Superadmin))
            .AddPolicy(AdminPolicies.Admin, p => Require(p, AdminRole.Admin))
            .AddPolicy(AdminPolicies.Approver, p => Require(p, AdminRole.Approver))
            .AddPolicy(AdminPolicies.Auditor, p => Require(p, AdminRole.Auditor))
            .AddPolicy(AdminPolicies.Helpdesk, p => Require(p, AdminRole.Helpdesk))
            .AddPortalPolicy();

        services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ApiPartition);
            limits.OnRejected = static async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "This token (or address) sent more API requests than allowed. Retry after the time in Retry-After.",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>Authentication, API rate limits and authorization; goes right after <c>UseRouting</c>, before antiforgery.</summary>
    public static IApplicationBuilder UseIpSolisAccess(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static void Require(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, AdminRole minimum) =>
        policy.AddAuthenticationSchemes(AdminAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new AdminRoleRequirement(minimum));

    // Per token when one is presented (and valid), else per client address; only the API is limited here.
    private static RateLimitPartition<string> ApiPartition(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
            return RateLimitPartition.GetNoLimiter("");
        var identity = AdminIdentity.From(context.User);
        var key = identity?.TokenId is { } tokenId
            ? "token:" + tokenId.ToString(CultureInfo.InvariantCulture)
            : "address:" + context.RequestServices.GetRequiredService<ClientAddress>().Of(context);
        var access = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value;
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = access.ApiBurst,
            TokensPerPeriod = access.ApiRequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
