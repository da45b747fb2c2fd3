using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const string Table = "audit_log";

    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable(Table);
        entry.HasKey(e => e.Id);
        entry.Ignore(e => e.RecordedOrder);
        entry.Property(e => e.Actor).HasMaxLength(300);
        entry.Property(e => e.Action).HasMaxLength(100);
        entry.Property(e => e.EntityType).HasMaxLength(100);
        entry.Property(e => e.EntityId).HasMaxLength(200);
        entry.Property(e => e.Classification).HasMaxLength(20);
        entry.Property(e => e.ClientIp).HasMaxLength(64);
        entry.Property(e => e.PreviousHash).HasMaxLength(64);
        entry.Property(e => e.Hash).HasMaxLength(64);
        entry.HasIndex(e => e.Sequence).IsUnique();
        entry.HasIndex(e => new { e.EntityType, e.EntityId });
        entry.HasIndex(e => e.Actor);
        entry.HasIndex(e => e.Action);
        entry.HasIndex(e => e.OccurredAt);
    }
}
