using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpSolis.Server.Features.Runbooks;

internal sealed class RunbookConfiguration : IEntityTypeConfiguration<Runbook>
{
    public void Configure(EntityTypeBuilder<Runbook> builder)
    {
        builder.ToTable("runbooks");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Description).HasMaxLength(4000);
        builder.Property(r => r.Action).HasConversion<WireNameConverter<RunbookAction>>().HasMaxLength(16);
        builder.Property(r => r.CronExpression).HasMaxLength(120);
        builder.Property(r => r.TimeZone).HasMaxLength(64);
        builder.Ignore(r => r.IsStandalone);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.HasIndex(r => new { r.AssetTypeId, r.Action }).IsUnique();
        builder.HasOne<AssetType>().WithMany().HasForeignKey(r => r.AssetTypeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunbookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunbookStepConfiguration : IEntityTypeConfiguration<RunbookStep>
{
    public void Configure(EntityTypeBuilder<RunbookStep> builder)
    {
        builder.ToTable("runbook_steps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Module).HasMaxLength(64);
        builder.Property(s => s.ParametersJson).HasMaxLength(65536);
        builder.HasIndex(s => new { s.RunbookId, s.Position }).IsUnique();
        builder.HasIndex(s => new { s.RunbookId, s.Name }).IsUnique();
        // A module in use cannot be deleted (checked with a clear message; the key enforces it too).
        builder.HasOne<ScriptModule>().WithMany().HasForeignKey(s => s.ScriptModuleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScriptModuleConfiguration : IEntityTypeConfiguration<ScriptModule>
{
    public void Configure(EntityTypeBuilder<ScriptModule> builder)
    {
        builder.ToTable("script_modules");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.Property(m => m.Description).HasMaxLength(4000);
        builder.Property(m => m.Interpreter).HasMaxLength(32);
        builder.Property(m => m.Content).HasMaxLength(262144);
        builder.Property(m => m.ParametersJson).HasMaxLength(65536);
        builder.Ignore(m => m.Category);
        builder.HasIndex(m => m.Name).IsUnique();
    }
}

internal sealed class RunbookVariableConfiguration : IEntityTypeConfiguration<RunbookVariable>
{
    public void Configure(EntityTypeBuilder<RunbookVariable> builder)
    {
        builder.ToTable("runbook_variables");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Key).HasMaxLength(100);
        builder.Property(v => v.Value).HasMaxLength(16000);
        builder.Property(v => v.Description).HasMaxLength(1000);
        builder.HasIndex(v => v.Key).IsUnique();
    }
}

internal sealed class RunbookRunConfiguration : IEntityTypeConfiguration<RunbookRun>
{
    public void Configure(EntityTypeBuilder<RunbookRun> builder)
    {
        builder.ToTable("runbook_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RunbookName).HasMaxLength(200);
        builder.Property(r => r.Trigger).HasMaxLength(16);
        builder.Property(r => r.TriggeredBy).HasMaxLength(200);
        builder.Property(r => r.Status).HasConversion<WireNameConverter<RunbookRunStatus>>().HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.Property(r => r.Notes).HasMaxLength(1000);
        builder.HasOne<Runbook>().WithMany().HasForeignKey(r => r.RunbookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.OrderId, r.Id });
        builder.HasIndex(r => new { r.RunbookId, r.Status });
    }
}

internal sealed class RunbookRunStepConfiguration : IEntityTypeConfiguration<RunbookRunStep>
{
    public void Configure(EntityTypeBuilder<RunbookRunStep> builder)
    {
        builder.ToTable("runbook_run_steps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Module).HasMaxLength(64);
        builder.Property(s => s.Status).HasConversion<WireNameConverter<RunbookStepStatus>>().HasMaxLength(16);
        builder.Property(s => s.OutputsJson).HasMaxLength(65536);
        builder.Property(s => s.Log).HasMaxLength(70000);
        builder.Property(s => s.Error).HasMaxLength(4000);
        builder.HasOne<RunbookRun>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.RunId, s.Position }).IsUnique();
    }
}
