namespace IpSolis.Domain.Catalog;

/// <summary>What kind of access an asset type grants; the portal filters the catalog by it.</summary>
public enum AssetCategory
{
    ApplicationAccess,
    PlatformAccess,
    DataAccess,
    DeviceAccess,
    InfrastructureAccess,
}
