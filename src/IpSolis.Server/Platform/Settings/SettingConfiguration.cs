using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Settings;

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> setting)
    {
        setting.ToTable("settings");
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(200);
        setting.Property(s => s.UpdatedBy).HasMaxLength(300);
    }
}
