using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Portal.Oidc;

internal sealed class OidcProviderConfiguration : IEntityTypeConfiguration<OidcProvider>
{
    public void Configure(EntityTypeBuilder<OidcProvider> provider)
    {
        provider.ToTable("portal_oidc_providers");
        provider.HasKey(p => p.Id);
        provider.Property(p => p.Id).HasMaxLength(40);
        provider.Property(p => p.DisplayName).HasMaxLength(100);
        provider.Property(p => p.Issuer).HasMaxLength(500);
        provider.Property(p => p.ClientId).HasMaxLength(200);
        provider.Property(p => p.ClientSecretSealed).HasMaxLength(8000);
        provider.Property(p => p.Scopes).HasMaxLength(500);
        provider.Property(p => p.EmailClaim).HasMaxLength(100);
        provider.Property(p => p.NameClaim).HasMaxLength(100);
        provider.Property(p => p.AllowedDomains).HasMaxLength(2000);
        provider.Property(p => p.UpdatedBy).HasMaxLength(300);
    }
}
