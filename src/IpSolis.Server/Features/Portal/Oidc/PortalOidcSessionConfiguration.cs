using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Portal.Oidc;

internal sealed class PortalOidcSessionConfiguration : IEntityTypeConfiguration<PortalOidcSession>
{
    public void Configure(EntityTypeBuilder<PortalOidcSession> session)
    {
        session.ToTable("portal_oidc_sessions");
        session.HasKey(s => s.PortalSessionId);
        session.Property(s => s.PortalSessionId).ValueGeneratedNever();
        session.HasOne<PortalSession>().WithOne().HasForeignKey<PortalOidcSession>(s => s.PortalSessionId).OnDelete(DeleteBehavior.Cascade);
        session.Property(s => s.ProviderId).HasMaxLength(40);
        session.Property(s => s.Subject).HasMaxLength(255);
        session.Property(s => s.Issuer).HasMaxLength(500);
    }
}
