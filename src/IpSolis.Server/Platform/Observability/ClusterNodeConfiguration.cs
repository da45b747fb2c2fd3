using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Observability;

internal sealed class ClusterNodeConfiguration : IEntityTypeConfiguration<ClusterNode>
{
    public void Configure(EntityTypeBuilder<ClusterNode> node)
    {
        node.ToTable("cluster_nodes");
        node.HasKey(n => n.Id);
        node.Property(n => n.Id).HasMaxLength(200);
        node.Property(n => n.HostName).HasMaxLength(255);
        node.Property(n => n.Roles).HasMaxLength(100);
        node.Property(n => n.Version).HasMaxLength(100);
        node.HasIndex(n => n.LastSeenAt);
    }
}
