using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// snake_case for every table, column, key, foreign key and index that was not named explicitly.
/// (EFCore.NamingConventions does not work on EF Core 10, so we keep our own.)
/// </summary>
public static class SnakeCaseNaming
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.IsOwned() && entity.GetTableName() == entity.FindOwnership()?.PrincipalEntityType.GetTableName())
            {
                // Owned types stored in their owner's table keep the table; only their columns are renamed.
            }
            else if (entity.GetViewName() is null && entity.GetTableName() is { } table
                     && !entity.IsTableExcludedFromMigrations() && table == entity.GetDefaultTableName())
            {
                entity.SetTableName(ToSnakeCase(table));
            }

            var storeObject = StoreObjectIdentifier.Create(entity, StoreObjectType.Table);
            foreach (var property in entity.GetProperties())
            {
                if (storeObject is { } so && property.GetColumnName(so) is { } column && column == property.GetDefaultColumnName(so))
                    property.SetColumnName(ToSnakeCase(column));
            }

            foreach (var key in entity.GetKeys())
                key.SetName(ToSnakeCase(key.GetName() ?? key.GetDefaultName()!));
            foreach (var foreignKey in entity.GetForeignKeys())
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName() ?? foreignKey.GetDefaultName()!));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName() ?? index.GetDefaultDatabaseName()!));
        }
    }

    /// <summary><c>AssetTypeId</c> → <c>asset_type_id</c>, <c>PK_ClusterNodes</c> → <c>pk_cluster_nodes</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '\0';
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                var startsWord = i > 0 && previous != '_'
                    && (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next)));
                if (startsWord)
                    builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
