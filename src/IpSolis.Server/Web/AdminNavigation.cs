using IpSolis.Server.Platform.Security;

namespace IpSolis.Server.Web;

/// <summary>
/// The console's sections, in the order the sidebar shows them. A feature that ships a console page adds its entry
/// here; the layout hides entries the signed-in administrator's role does not reach.
/// </summary>
public static class AdminNavigation
{
    public static readonly IReadOnlyList<AdminNavItem> Items =
    [
        new("Dashboard", "/ui", "dashboard", AdminPolicies.Helpdesk, "Overview"),
        new("Orders", "/ui/orders", "request", AdminPolicies.Helpdesk, "Service"),
        new("Asset types", "/ui/asset-types", "server", AdminPolicies.Helpdesk, "Service"),
        new("Pool", "/ui/pool", "devices", AdminPolicies.Helpdesk, "Service"),
        new("Runbooks", "/ui/runbooks", "layers", AdminPolicies.Helpdesk, "Service"),
        new("Jobs", "/ui/jobs", "layers", AdminPolicies.Helpdesk, "Operations"),
        new("Notifications", "/ui/notifications", "inbox", AdminPolicies.Helpdesk, "Operations"),
        new("Backups", "/ui/maintenance/backups", "folder", AdminPolicies.Admin, "Operations"),
        new("Audit log", "/ui/audit", "audit", AdminPolicies.Auditor, "Operations"),
        new("Administrators", "/ui/admin-users", "users", AdminPolicies.Superadmin, "Access"),
        new("API tokens", "/ui/api-tokens", "key", AdminPolicies.Admin, "Access"),
        new("Directory", "/ui/directory", "users", AdminPolicies.Helpdesk, "Access"),
        new("Mail templates", "/ui/notifications/templates", "folder", AdminPolicies.Helpdesk, "Configuration"),
        new("Settings", "/ui/settings", "settings", AdminPolicies.Superadmin, "Configuration"),
    ];
}
