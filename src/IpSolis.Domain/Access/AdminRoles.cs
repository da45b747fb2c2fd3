namespace IpSolis.Domain.Access;

/// <summary>Reading and writing roles in the product's words (<c>superadmin</c>, <c>admin</c>, …).</summary>
public static class AdminRoles
{
    public static IReadOnlyList<AdminRole> Ladder { get; } = [AdminRole.Superadmin, AdminRole.Admin, AdminRole.Approver, AdminRole.Auditor, AdminRole.Helpdesk];

    public static string Name(AdminRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out AdminRole role)
    {
        foreach (var candidate in Ladder)
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>The lower of two roles: authority is never more than what every link in the chain holds.</summary>
    public static AdminRole Lower(AdminRole a, AdminRole b) => a < b ? a : b;
}
