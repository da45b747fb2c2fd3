using IpSolis.Domain.Access;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpSolis.Server.Platform.Security;

/// <summary>Stores a role as its name in the product's words (<c>superadmin</c>), readable in SQL and in backups.</summary>
internal sealed class AdminRoleConversion() : ValueConverter<AdminRole, string>(
    role => AdminRoles.Name(role),
    text => Parse(text))
{
    private static AdminRole Parse(string text) =>
        AdminRoles.TryParse(text, out var role) ? role : throw new InvalidOperationException($"Unknown admin role '{text}' in the database.");
}
