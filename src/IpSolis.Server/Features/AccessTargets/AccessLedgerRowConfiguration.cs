using IpSolis.Domain.AccessTargets;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.AccessTargets;

internal sealed class AccessLedgerRowConfiguration : IEntityTypeConfiguration<AccessLedgerRow>
{
    public void Configure(EntityTypeBuilder<AccessLedgerRow> builder)
    {
        builder.ToTable("access_ledger");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.GroupDn).HasMaxLength(1000);
        builder.Property(r => r.GroupKey).HasMaxLength(1000);
        builder.Property(r => r.Principal).HasMaxLength(320);
        builder.Property(r => r.Action).HasConversion<WireNameConverter<AccessAction>>().HasMaxLength(16);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(128);
        builder.Property(r => r.Outcome).HasMaxLength(500);
        builder.Property(r => r.Actor).HasMaxLength(200);
        // The ledger outlives nothing it refers to: orders are never deleted, and a row must not vanish with one.
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.RunOrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.IdempotencyKey).IsUnique();
        builder.HasIndex(r => new { r.GroupKey, r.Principal });
        builder.HasIndex(r => r.Principal);
        builder.HasIndex(r => r.OrderId);
        builder.HasIndex(r => r.RunOrderId);
    }
}
