using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Security;

internal sealed class AdminSessionConfiguration : IEntityTypeConfiguration<AdminSession>
{
    public void Configure(EntityTypeBuilder<AdminSession> builder)
    {
        builder.ToTable("admin_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.SecretHash).HasMaxLength(64);
        builder.HasIndex(s => s.SecretHash).IsUnique();
        builder.HasIndex(s => new { s.AdminUserId, s.EndedAt });
        builder.Property(s => s.Role).IsAdminRole();
        builder.Property(s => s.Method).HasMaxLength(16);
        builder.Property(s => s.EndReason).HasMaxLength(32);
        builder.Property(s => s.ClientIp).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(256);
        builder.HasOne(s => s.AdminUser).WithMany().HasForeignKey(s => s.AdminUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
