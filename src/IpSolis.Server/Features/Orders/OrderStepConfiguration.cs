using IpSolis.Domain.Orders;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Orders;

internal sealed class OrderStepConfiguration : IEntityTypeConfiguration<OrderStep>
{
    public void Configure(EntityTypeBuilder<OrderStep> builder)
    {
        builder.ToTable("order_steps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Code).HasMaxLength(64);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Status).HasConversion<WireNameConverter<StepStatus>>().HasMaxLength(16);
        builder.Property(s => s.Output).HasMaxLength(16000);
        builder.Property(s => s.Error).HasMaxLength(4000);
        builder.HasOne<Order>().WithMany().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.OrderId, s.Position }).IsUnique();
    }
}
