using IpSolis.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace IpSolis.Server.Platform.Security;

/// <summary>The caller holds at least <see cref="Minimum"/> on the ladder (and, for a token, the endpoint's scope).</summary>
internal sealed class AdminRoleRequirement(AdminRole minimum) : IAuthorizationRequirement
{
    public AdminRole Minimum { get; } = minimum;
}
