namespace IpSolis.Server.Features.Catalog;

/// <summary>An asset type as a pick list shows it.</summary>
public sealed record AssetTypeChoice(long Id, string Name, bool IsActive);
