using System.Text.Encodings.Web;
using System.Text.Json;
using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>The JSON the runbooks feature stores: camelCase, strings kept readable (secrets are masked before, never after, serialization).</summary>
public static class RunbookJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static Dictionary<string, string> Parameters(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? [];

    public static List<PlannedStep> Plan(string json) => JsonSerializer.Deserialize<List<PlannedStep>>(json, Options) ?? [];

    public static List<ParameterDefinition> Schema(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<ParameterDefinition>>(json, Options) ?? [];
}
