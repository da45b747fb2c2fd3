namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// The asset types an administrator may see and change: all of them, or (for an <c>admin</c> with per-type grants)
/// only the granted ones. Every admin path that takes an asset-type, pool-asset or order id filters through this,
/// and an id outside the scope answers 404 exactly as an id that does not exist.
/// </summary>
public sealed record AssetTypeScope(IReadOnlySet<long>? Granted)
{
    public static readonly AssetTypeScope Everything = new((IReadOnlySet<long>?)null);

    public bool IsEverything => Granted is null;

    public bool Allows(long assetTypeId) => Granted is null || Granted.Contains(assetTypeId);
}
