namespace IpSolis.Server.Web;

/// <summary>One entry of the console's navigation, shown only to those the <paramref name="Policy"/> admits.</summary>
public sealed record AdminNavItem(string Title, string Href, string Icon, string Policy, string Group);
