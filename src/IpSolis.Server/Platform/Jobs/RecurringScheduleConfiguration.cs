using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Jobs;

internal sealed class RecurringScheduleConfiguration : IEntityTypeConfiguration<RecurringSchedule>
{
    public void Configure(EntityTypeBuilder<RecurringSchedule> schedule)
    {
        schedule.ToTable("job_schedules");
        schedule.HasKey(s => s.Name);
        schedule.Property(s => s.Name).HasMaxLength(100);
        schedule.Property(s => s.Cron).HasMaxLength(100);
        schedule.Property(s => s.TimeZone).HasMaxLength(100);
        schedule.Property(s => s.Kind).HasMaxLength(100);
        schedule.Property(s => s.Queue).HasMaxLength(50);
        schedule.Property(s => s.NextTickAt).IsConcurrencyToken();
    }
}
