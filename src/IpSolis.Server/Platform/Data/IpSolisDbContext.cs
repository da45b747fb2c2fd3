using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// The one application database. Each feature brings its entities through <see cref="IEntityTypeConfiguration{T}"/>
/// classes in its own folder; this class only applies them and the conventions every table shares.
/// </summary>
public sealed class IpSolisDbContext(DbContextOptions<IpSolisDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IpSolisDbContext).Assembly);
        SnakeCaseNaming.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type that sorts and compares in SQL; UTC ticks do both and keep full precision.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }
}
