using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Pool;

internal sealed class PoolAssetConfiguration : IEntityTypeConfiguration<PoolAsset>
{
    public void Configure(EntityTypeBuilder<PoolAsset> builder)
    {
        builder.ToTable("pool_assets");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(255);
        builder.HasIndex(a => a.Name).IsUnique();
        builder.Property(a => a.Status).HasConversion<WireNameConverter<PoolAssetStatus>>().HasMaxLength(16);
        builder.Property(a => a.Notes).HasMaxLength(4000);
        builder.Property(a => a.MetadataJson).HasColumnName("metadata");
        builder.Ignore(a => a.Metadata);
        builder.HasOne<AssetType>().WithMany().HasForeignKey(a => a.AssetTypeId).OnDelete(DeleteBehavior.Restrict);
        // Free-asset reservation and the dashboard tiles read by type and status.
        builder.HasIndex(a => new { a.AssetTypeId, a.Status, a.Id });
        builder.HasIndex(a => new { a.Status, a.ExpiresAt });
        builder.HasIndex(a => a.CurrentOrderId);
    }
}
