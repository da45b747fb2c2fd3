using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Jobs;

internal sealed class JobAttemptConfiguration : IEntityTypeConfiguration<JobAttempt>
{
    public void Configure(EntityTypeBuilder<JobAttempt> attempt)
    {
        attempt.ToTable("job_attempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.NodeId).HasMaxLength(200);
        attempt.Property(a => a.Outcome).HasMaxLength(20);
        attempt.HasIndex(a => new { a.JobId, a.Attempt });
    }
}
