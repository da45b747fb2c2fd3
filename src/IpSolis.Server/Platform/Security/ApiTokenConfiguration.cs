using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Platform.Security;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(120);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.TokenPrefix).HasMaxLength(8);
        builder.Property(t => t.Scopes).HasMaxLength(1000);
        builder.Property(t => t.Role).IsAdminRole();
        builder.Property(t => t.CreatedBy).HasMaxLength(200);
        builder.Property(t => t.RevokedBy).HasMaxLength(200);
        builder.Ignore(t => t.ScopeList);
        // A deleted creator leaves the token without an account behind it, which makes it invalid (never more powerful).
        builder.HasOne(t => t.CreatedByUser).WithMany().HasForeignKey(t => t.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
