using IpSolis.Domain.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Catalog;

internal sealed class AssetTypeConfiguration : IEntityTypeConfiguration<AssetType>
{
    public void Configure(EntityTypeBuilder<AssetType> builder)
    {
        builder.ToTable("asset_types");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.NormalizedName).HasMaxLength(100);
        builder.HasIndex(t => t.NormalizedName).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.Property(t => t.HelpText).HasMaxLength(20000);
        builder.Property(t => t.Icon).HasMaxLength(400_000);
        builder.Property(t => t.Category).HasConversion<WireNameConverter<AssetCategory>>().HasMaxLength(32);
        builder.Property(t => t.AttributesJson).HasColumnName("attributes");
        builder.Property(t => t.AssignmentModel).HasConversion<WireNameConverter<AssignmentModel>>().HasMaxLength(32);
        builder.Property(t => t.PersonalProvisioningStrategy).HasConversion<WireNameConverter<PersonalProvisioningStrategy>>().HasMaxLength(32);
        builder.Property(t => t.NamingPattern).HasMaxLength(100);
        builder.Property(t => t.AutomationStrategy).HasConversion<WireNameConverter<AutomationStrategy>>().HasMaxLength(32);
        builder.Property(t => t.DeprovisionPolicy).HasConversion<WireNameConverter<DeprovisionPolicy>>().HasMaxLength(32);
        builder.Property(t => t.EligibleGroup).HasMaxLength(500);
        builder.Property(t => t.MonthlyCost).HasPrecision(12, 2);
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.CostCenter).HasMaxLength(100);
        builder.Property(t => t.StepVisibility).HasConversion<WireNameConverter<StepVisibility>>().HasMaxLength(16);
        builder.Property(t => t.AccessUrl).HasMaxLength(500);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Property(t => t.ApprovalOwnersJson).HasColumnName("approval_owners").HasMaxLength(40_000);
        builder.Property(t => t.ApprovalRulesJson).HasColumnName("approval_rules").HasMaxLength(400_000);
        builder.Property(t => t.GroupTargetsJson).HasColumnName("group_targets").HasMaxLength(40_000);
        builder.Ignore(t => t.Approval);
        builder.Ignore(t => t.Attributes);
        builder.Ignore(t => t.GroupTargets);
        builder.Ignore(t => t.StrictestClassification);
        builder.HasIndex(t => new { t.IsActive, t.Name });
        // Per-type admin grants live with access control; their foreign key arrives with the types.
        builder.HasMany<Platform.Security.AdminUserGrant>().WithOne().HasForeignKey(g => g.AssetTypeId).OnDelete(DeleteBehavior.Cascade);
    }
}
