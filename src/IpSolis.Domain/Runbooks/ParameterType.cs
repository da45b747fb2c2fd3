using System.Text.Json.Serialization;

namespace IpSolis.Domain.Runbooks;

/// <summary>The type of a script module's parameter. Wire names: string, int, bool, json (read in any case).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParameterType>))]
public enum ParameterType
{
    String,
    Int,
    Bool,
    Json,
}
