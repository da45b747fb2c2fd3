namespace IpSolis.Server.Web.Resources;

/// <summary>
/// Names the portal's translations for <c>IStringLocalizer&lt;PortalStrings&gt;</c>: PortalStrings.resx (English)
/// and PortalStrings.de.resx sit beside it, so their manifest name is this type's full name.
/// </summary>
internal sealed class PortalStrings;
