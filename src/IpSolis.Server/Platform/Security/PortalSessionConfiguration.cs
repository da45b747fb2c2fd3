using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Security;

internal sealed class PortalSessionConfiguration : IEntityTypeConfiguration<PortalSession>
{
    public void Configure(EntityTypeBuilder<PortalSession> builder)
    {
        builder.ToTable("portal_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.SecretHash).HasMaxLength(64);
        builder.HasIndex(s => s.SecretHash).IsUnique();
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.HasIndex(s => new { s.Email, s.EndedAt });
        builder.Property(s => s.DisplayName).HasMaxLength(200);
        builder.Property(s => s.Method).HasMaxLength(16);
        builder.Property(s => s.EndReason).HasMaxLength(32);
        builder.Property(s => s.ClientIp).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(256);
    }
}
