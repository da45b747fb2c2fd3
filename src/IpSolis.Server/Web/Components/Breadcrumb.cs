namespace IpSolis.Server.Web.Components;

/// <summary>One step of a page's breadcrumb trail; the last step is the page itself and has no link.</summary>
public sealed record Breadcrumb(string Label, string? Href = null);
