using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// How structured values (attribute schemas, string lists, metadata) are written into text columns: camelCase,
/// enums by wire name, nulls left out, so the stored JSON is the same shape the API shows.
/// </summary>
public static class JsonColumn
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters =
        {
            // Attribute types are upper case on the wire (STRING, MULTI_ENUM), as asset-type schemas have always had them.
            new JsonStringEnumConverter<Domain.Catalog.AttributeType>(JsonNamingPolicy.SnakeCaseUpper),
            new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower),
        },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads <paramref name="json"/>, or <paramref name="fallback"/> when the column is empty.</summary>
    public static T Read<T>(string? json, T fallback) =>
        string.IsNullOrWhiteSpace(json) ? fallback : JsonSerializer.Deserialize<T>(json, Options) ?? fallback;
}
