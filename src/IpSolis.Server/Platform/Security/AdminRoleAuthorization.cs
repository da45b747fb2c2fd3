using IpSolis.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Role and scope check for <see cref="AdminPolicies"/>. Tokens are checked on both: the role (capped by the
/// creator's) and the scope the endpoint declares with <see cref="TokenScopeMetadata"/> (<c>admin:*</c> when it
/// declares none), so a role-less or narrowly scoped token never passes a gate its creator could not.
/// </summary>
internal sealed class AdminRoleAuthorization : AuthorizationHandler<AdminRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRoleRequirement requirement)
    {
        if (AdminIdentity.From(context.User) is not { } identity || identity.Role < requirement.Minimum)
            return Task.CompletedTask;
        if (identity.Via == AdminIdentity.Token)
        {
            var endpoint = (context.Resource as HttpContext)?.GetEndpoint() ?? context.Resource as Endpoint;
            var needed = endpoint?.Metadata.GetMetadata<TokenScopeMetadata>()?.Scope ?? ApiTokenScopes.All;
            if (!ApiTokenScopes.Allows(identity.Scopes ?? [], needed))
                return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
