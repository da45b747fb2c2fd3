using System.Collections.Frozen;
using System.Text;

namespace IpSolis.Domain;

/// <summary>
/// The snake_case name an enum value has on the wire and in the database (<c>CapacityPooled</c> ⇄
/// <c>capacity_pooled</c>), so JSON, forms, URLs and columns all use the names the contract fixes.
/// </summary>
public static class WireName<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => ToSnakeCase(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<TEnum>().Select(v => Names[v]).ToArray();

    public static string Of(TEnum value) => Names.TryGetValue(value, out var name)
        ? name
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is not a defined {typeof(TEnum).Name}.");

    /// <summary>Parses a wire name (case-insensitive, surrounding blanks ignored).</summary>
    public static bool TryParse(string? text, out TEnum value)
    {
        value = default;
        return text is not null && Values.TryGetValue(text.Trim(), out value);
    }

    public static TEnum Parse(string text) => TryParse(text, out var value)
        ? value
        : throw new FormatException($"'{text}' is not one of: {string.Join(", ", All)}.");

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
