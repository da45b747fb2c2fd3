namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Authorization policy names for admin pages and API endpoints: each requires that role or a higher one on the
/// ladder (superadmin &gt; admin &gt; approver &gt; auditor &gt; helpdesk), from an admin session, an API token or the
/// legacy key. Use with <c>RequireAuthorization(AdminPolicies.Admin)</c> or
/// <c>@attribute [Authorize(Policy = AdminPolicies.Admin)]</c>.
/// </summary>
public static class AdminPolicies
{
    public const string Superadmin = "admin:superadmin";
    public const string Admin = "admin:admin";
    public const string Approver = "admin:approver";
    public const string Auditor = "admin:auditor";
    public const string Helpdesk = "admin:helpdesk";
}
