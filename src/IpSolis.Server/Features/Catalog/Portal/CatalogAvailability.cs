namespace IpSolis.Server.Features.Catalog.Portal;

/// <summary>Whether the signed-in person can order a catalog entry right now, as its badge says.</summary>
public enum CatalogAvailability
{
    /// <summary>A free asset, a free seat or the shared asset is there.</summary>
    Available,

    /// <summary>No free asset (personal), every seat taken (pooled), or no shared asset set up (shared).</summary>
    Unavailable,

    /// <summary>The directory could not say whether the person may order it: shown, but not orderable (fail closed).</summary>
    EligibilityUnknown,
}
