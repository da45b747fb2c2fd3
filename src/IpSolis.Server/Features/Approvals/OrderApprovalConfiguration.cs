using IpSolis.Domain.Approvals;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Approvals;

internal sealed class OrderApprovalConfiguration : IEntityTypeConfiguration<OrderApproval>
{
    public void Configure(EntityTypeBuilder<OrderApproval> builder)
    {
        builder.ToTable("order_approvals");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ApproverEmail).HasMaxLength(320);
        builder.Property(a => a.ApproverName).HasMaxLength(200);
        builder.Property(a => a.Source).HasConversion<WireNameConverter<ApprovalSource>>().HasMaxLength(24);
        builder.Property(a => a.RuleName).HasMaxLength(100);
        builder.Property(a => a.Bucket).HasMaxLength(100);
        builder.Property(a => a.Status).HasConversion<WireNameConverter<ApprovalState>>().HasMaxLength(16);
        builder.Property(a => a.DecidedBy).HasMaxLength(200);
        builder.Property(a => a.Comment).HasMaxLength(2000);
        builder.Property(a => a.OnBehalfOfEmail).HasMaxLength(320);
        builder.Property(a => a.OnBehalfOfName).HasMaxLength(200);
        builder.Ignore(a => a.Vote);
        builder.Ignore(a => a.Wait);
        builder.HasOne<Order>().WithMany().HasForeignKey(a => a.OrderId).OnDelete(DeleteBehavior.Cascade);

        // The inbox reads an approver's pending rows; decisions read one order's rows; reminders scan pending ones.
        builder.HasIndex(a => new { a.ApproverEmail, a.Status });
        builder.HasIndex(a => a.OrderId);
        builder.HasIndex(a => new { a.Status, a.CreatedAt });
    }
}
