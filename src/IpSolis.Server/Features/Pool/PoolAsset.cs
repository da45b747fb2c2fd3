using IpSolis.Domain.Pool;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Pool;

/// <summary>One instance in an asset type's pool: a VDI, a VM, a laptop, a shared jump host.</summary>
public sealed class PoolAsset
{
    public long Id { get; set; }

    /// <summary>Unique across the pool (a host name, an inventory tag).</summary>
    public required string Name { get; set; }

    public long AssetTypeId { get; set; }

    /// <summary>Changed only through <see cref="PoolAssetTransitions"/>.</summary>
    public PoolAssetStatus Status { get; set; } = PoolAssetStatus.Free;

    /// <summary>The order holding the asset while it is reserved or busy.</summary>
    public long? CurrentOrderId { get; set; }

    /// <summary>When the holding order ends; drives expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When it last came back from an order.</summary>
    public DateTimeOffset? LastReleasedAt { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    public string Notes { get; set; } = string.Empty;

    /// <summary>Free-form key/value pairs as JSON (MAC address, serial, site); use <see cref="Metadata"/>.</summary>
    public string MetadataJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyDictionary<string, string> Metadata
    {
        get => JsonColumn.Read<Dictionary<string, string>>(MetadataJson, []);
        set => MetadataJson = JsonColumn.Write(value);
    }
}
