using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Security;

internal sealed class FirstAdministratorClaimConfiguration : IEntityTypeConfiguration<FirstAdministratorClaim>
{
    public void Configure(EntityTypeBuilder<FirstAdministratorClaim> builder)
    {
        builder.ToTable("first_administrator");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Username).HasMaxLength(128);
    }
}
