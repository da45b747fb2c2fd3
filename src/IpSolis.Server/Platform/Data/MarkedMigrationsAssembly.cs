using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// Finds the migrations of the provider's migrations assembly (IpSolis.Migrations.Sqlite or .Postgres).
/// Those assemblies cannot reference the server (the server references them), so their <c>[DbContext]</c>
/// attributes name a marker type of their own assembly instead of <see cref="IpSolisDbContext"/>; EF's default
/// lookup compares with the context type, this one with the marker's assembly.
/// </summary>
internal sealed class MarkedMigrationsAssembly : IMigrationsAssembly
{
    private readonly IMigrationsIdGenerator _idGenerator;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public MarkedMigrationsAssembly(IDbContextOptions options, IMigrationsIdGenerator idGenerator)
    {
        _idGenerator = idGenerator;
        var name = RelationalOptionsExtension.Extract(options).MigrationsAssembly
            ?? throw new InvalidOperationException("No migrations assembly is configured for this provider.");
        Assembly = Assembly.Load(new AssemblyName(name));
        _migrations = new(FindMigrations);
        _snapshot = new(FindSnapshot);
    }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    public Assembly Assembly { get; }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => _idGenerator.IsValidId(nameOrId)
            ? string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : string.Equals(_idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private bool IsMarked(Type type) => type.GetCustomAttribute<DbContextAttribute>()?.ContextType.Assembly == Assembly;

    private IReadOnlyDictionary<string, TypeInfo> FindMigrations()
    {
        var result = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSubclassOf(typeof(Migration)) || !IsMarked(type))
                continue;
            var id = type.GetCustomAttribute<MigrationAttribute>()?.Id
                ?? throw new InvalidOperationException($"Migration {type.Name} has no [Migration] id.");
            result.Add(id, type.GetTypeInfo());
        }

        return result;
    }

    private ModelSnapshot? FindSnapshot()
    {
        var type = Assembly.GetTypes().FirstOrDefault(t => !t.IsAbstract && t.IsSubclassOf(typeof(ModelSnapshot)) && IsMarked(t));
        return type is null ? null : (ModelSnapshot)Activator.CreateInstance(type)!;
    }
}
