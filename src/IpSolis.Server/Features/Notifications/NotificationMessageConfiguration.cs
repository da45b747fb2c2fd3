using IpSolis.Domain.Notifications;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Notifications;

internal sealed class NotificationMessageConfiguration : IEntityTypeConfiguration<NotificationMessage>
{
    public void Configure(EntityTypeBuilder<NotificationMessage> builder)
    {
        builder.ToTable("notification_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Channel).HasConversion<WireNameConverter<NotificationChannel>>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<WireNameConverter<NotificationStatus>>().HasMaxLength(24);
        builder.Property(m => m.TemplateKey).HasMaxLength(100);
        builder.Property(m => m.Culture).HasMaxLength(8);
        builder.Property(m => m.Recipient).HasMaxLength(320);
        builder.Property(m => m.RecipientName).HasMaxLength(300);
        builder.Property(m => m.Subject).HasMaxLength(1000);
        builder.Property(m => m.LastError).HasMaxLength(4000);
        builder.Property(m => m.ServerAnswer).HasMaxLength(1000);
        builder.Property(m => m.Reference).HasMaxLength(100);
        builder.HasIndex(m => m.CreatedAt);
        builder.HasIndex(m => new { m.Status, m.CreatedAt });
        builder.HasIndex(m => m.Reference);
    }
}
