using IpSolis.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Jobs;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public const string Table = "jobs";

    public void Configure(EntityTypeBuilder<Job> job)
    {
        job.ToTable(Table);
        job.HasKey(j => j.Id);
        job.Property(j => j.Kind).HasMaxLength(100);
        job.Property(j => j.Queue).HasMaxLength(50);
        job.Property(j => j.State).HasMaxLength(20).HasConversion(s => JobStates.Name(s), s => JobStates.Parse(s));
        job.Property(j => j.UniqueKey).HasMaxLength(300);
        job.Property(j => j.LeaseOwner).HasMaxLength(200);
        job.Property(j => j.ScheduleName).HasMaxLength(100);
        job.HasMany(j => j.Attempts).WithOne().HasForeignKey(a => a.JobId).OnDelete(DeleteBehavior.Cascade);

        // Claiming reads this index in order: ready jobs of one queue, highest priority, oldest first.
        job.HasIndex(j => new { j.Queue, j.Priority, j.RunAt, j.Id })
            .IsDescending(false, true, false, false)
            .HasFilter($"state = '{JobStates.Pending}'")
            .HasDatabaseName("ix_jobs_ready");
        // The rescuer finds expired leases here.
        job.HasIndex(j => j.LeaseExpiresAt).HasFilter($"state = '{JobStates.Running}'").HasDatabaseName("ix_jobs_running_lease");
        // Race-free unique keys: the database refuses a second live job with the same key.
        job.HasIndex(j => j.UniqueKey).IsUnique()
            .HasFilter($"state IN ('{JobStates.Pending}', '{JobStates.Running}')")
            .HasDatabaseName("ux_jobs_live_unique_key");
        job.HasIndex(j => new { j.State, j.FinishedAt }).HasDatabaseName("ix_jobs_state_finished");
    }
}
