using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Audit;

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public const string Table = "audit_chain_head";

    public void Configure(EntityTypeBuilder<AuditChainHead> head)
    {
        head.ToTable(Table);
        head.HasKey(h => h.Id);
        head.Property(h => h.Id).ValueGeneratedNever();
        // A second guard behind the row lock: an append that read a stale head updates nothing and fails.
        head.Property(h => h.LastSequence).IsConcurrencyToken();
        head.Property(h => h.LastHash).HasMaxLength(64);
        head.Property(h => h.AnchorHash).HasMaxLength(64);
        head.HasData(new AuditChainHead());
    }
}
