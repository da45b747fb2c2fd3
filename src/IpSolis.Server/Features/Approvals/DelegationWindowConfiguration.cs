using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Approvals;

internal sealed class DelegationWindowConfiguration : IEntityTypeConfiguration<DelegationWindow>
{
    public void Configure(EntityTypeBuilder<DelegationWindow> builder)
    {
        builder.ToTable("approval_delegations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.ApproverEmail).HasMaxLength(320);
        builder.Property(d => d.DelegateEmail).HasMaxLength(320);
        builder.Property(d => d.DelegateName).HasMaxLength(200);
        builder.Property(d => d.CreatedBy).HasMaxLength(200);
        builder.HasIndex(d => new { d.ApproverEmail, d.Until });
    }
}
