using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Jobs;

internal sealed class JobDrillResultConfiguration : IEntityTypeConfiguration<JobDrillResult>
{
    public void Configure(EntityTypeBuilder<JobDrillResult> result)
    {
        result.ToTable("job_drill_results");
        result.HasKey(r => r.Id);
        result.Property(r => r.Batch).HasMaxLength(50);
        result.Property(r => r.NodeId).HasMaxLength(200);
        // Deliberately not unique: the drill report counts duplicates instead of the database hiding them.
        result.HasIndex(r => r.JobId);
        result.HasIndex(r => r.Batch);
    }
}
