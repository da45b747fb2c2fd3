using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Notifications;

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> builder)
    {
        builder.ToTable("notification_templates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Key).HasMaxLength(100);
        builder.Property(t => t.Culture).HasMaxLength(8);
        builder.Property(t => t.Subject).HasMaxLength(1000);
        builder.Property(t => t.UpdatedBy).HasMaxLength(300);
        builder.HasIndex(t => new { t.Key, t.Culture }).IsUnique();
    }
}
