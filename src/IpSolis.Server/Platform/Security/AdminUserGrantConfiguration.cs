using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Security;

internal sealed class AdminUserGrantConfiguration : IEntityTypeConfiguration<AdminUserGrant>
{
    public void Configure(EntityTypeBuilder<AdminUserGrant> builder)
    {
        // The asset_types foreign key is declared by the catalog (AssetTypeConfiguration).
        builder.ToTable("admin_user_asset_type_grants");
        builder.HasKey(g => new { g.AdminUserId, g.AssetTypeId });
        builder.Property(g => g.CreatedBy).HasMaxLength(200);
        builder.HasOne<AdminUser>().WithMany().HasForeignKey(g => g.AdminUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
