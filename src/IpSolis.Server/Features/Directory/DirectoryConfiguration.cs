using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Directory;

internal sealed class DirectoryPersonConfiguration : IEntityTypeConfiguration<DirectoryPerson>
{
    public void Configure(EntityTypeBuilder<DirectoryPerson> builder)
    {
        builder.ToTable("directory_people");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.Property(p => p.Username).HasMaxLength(128);
        builder.HasIndex(p => p.Username).IsUnique();
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.Property(p => p.ManagerEmail).HasMaxLength(320);
        builder.HasIndex(p => p.ManagerEmail);
        builder.Property(p => p.Department).HasMaxLength(200);
        builder.Property(p => p.CostCenter).HasMaxLength(100);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Company).HasMaxLength(200);
        builder.Property(p => p.EmployeeId).HasMaxLength(64);
        builder.Property(p => p.PasswordHash).HasMaxLength(256);
    }
}

internal sealed class DirectoryGroupConfiguration : IEntityTypeConfiguration<DirectoryGroup>
{
    public void Configure(EntityTypeBuilder<DirectoryGroup> builder)
    {
        builder.ToTable("directory_groups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.Property(g => g.NormalizedName).HasMaxLength(200);
        builder.HasIndex(g => g.NormalizedName).IsUnique();
        builder.Property(g => g.Description).HasMaxLength(1000);
    }
}

internal sealed class DirectoryMembershipConfiguration : IEntityTypeConfiguration<DirectoryMembership>
{
    public void Configure(EntityTypeBuilder<DirectoryMembership> builder)
    {
        builder.ToTable("directory_memberships", t => t.HasCheckConstraint(
            "ck_directory_memberships_one_member", "(person_id IS NULL) <> (member_group_id IS NULL)"));
        builder.HasKey(m => m.Id);
        builder.HasOne<DirectoryGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DirectoryPerson>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DirectoryGroup>().WithMany().HasForeignKey(m => m.MemberGroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.GroupId, m.PersonId }).IsUnique();
        builder.HasIndex(m => new { m.GroupId, m.MemberGroupId }).IsUnique();
        builder.HasIndex(m => m.PersonId);
        builder.HasIndex(m => m.MemberGroupId);
    }
}
