using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Jobs;

internal sealed class JobLeaderConfiguration : IEntityTypeConfiguration<JobLeader>
{
    public void Configure(EntityTypeBuilder<JobLeader> leader)
    {
        leader.ToTable("job_leaders");
        leader.HasKey(l => l.Id);
        leader.Property(l => l.Id).ValueGeneratedNever();
        leader.Property(l => l.NodeId).HasMaxLength(200);
    }
}
