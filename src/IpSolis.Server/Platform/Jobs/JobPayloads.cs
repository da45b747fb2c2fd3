using System.Text.Json;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>How payloads are written and read: web conventions (camelCase), so an operator reads them as the API shows.</summary>
public static class JobPayloads
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(object? payload) => payload switch
    {
        null => "{}",
        string text => text,
        _ => JsonSerializer.Serialize(payload, payload.GetType(), Json),
    };
}
