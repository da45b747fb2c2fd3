using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Action).HasConversion<WireNameConverter<OrderAction>>().HasMaxLength(16);
        builder.Property(o => o.Status).HasConversion<WireNameConverter<OrderStatus>>().HasMaxLength(24);
        builder.Property(o => o.RequesterEmail).HasMaxLength(320);
        builder.Property(o => o.RequesterName).HasMaxLength(200);
        builder.Property(o => o.OwnerEmail).HasMaxLength(320);
        builder.Property(o => o.OwnerName).HasMaxLength(200);
        builder.Property(o => o.PlacedBy).HasMaxLength(200);
        builder.Property(o => o.Source).HasMaxLength(16);
        builder.Property(o => o.AttributesJson).HasColumnName("attributes");
        builder.Property(o => o.Justification).HasMaxLength(4000);
        builder.Property(o => o.RdpUsersJson).HasColumnName("rdp_users");
        builder.Property(o => o.AdminUsersJson).HasColumnName("admin_users");
        builder.Property(o => o.ProvisionedStateJson).HasColumnName("provisioned_state");
        builder.Property(o => o.ErrorMessage).HasMaxLength(4000);
        builder.Property(o => o.RequesterDepartment).HasMaxLength(200);
        builder.Property(o => o.RequesterCostCenter).HasMaxLength(100);
        builder.Property(o => o.RequesterTitle).HasMaxLength(200);
        builder.Property(o => o.Classification).HasMaxLength(16);
        builder.Ignore(o => o.RdpUsers);
        builder.Ignore(o => o.AdminUsers);
        builder.HasOne<AssetType>().WithMany().HasForeignKey(o => o.AssetTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(o => o.ParentOrderId).OnDelete(DeleteBehavior.Restrict);

        // Quota and capacity count live provision orders per type (and person); My IT reads by person; expiry and
        // reminders scan by status and end date; the admin list pages by id with filters.
        builder.HasIndex(o => new { o.AssetTypeId, o.Status, o.Action });
        builder.HasIndex(o => new { o.RequesterEmail, o.Status });
        // Partial: most orders are for the requester and have no owner. A full index counts those NULLs as one value
        // shared by almost every row, so SQLite's statistics call it useless and "requester = x OR owner = x" (the
        // portal's My IT and my orders) becomes a scan of every order (89 ms at 100,000 orders instead of 0.1 ms).
        builder.HasIndex(o => new { o.OwnerEmail, o.Status }).HasFilter("owner_email IS NOT NULL");
        // The admin list filtered by status, newest first, reads this index in order instead of sorting the status.
        builder.HasIndex(o => new { o.Status, o.Id });
        builder.HasIndex(o => new { o.Status, o.RequestedUntil });
        builder.HasIndex(o => new { o.Status, o.RequestedFrom });
        builder.HasIndex(o => o.ParentOrderId);
        builder.HasIndex(o => o.AssignedAssetId);
    }
}
