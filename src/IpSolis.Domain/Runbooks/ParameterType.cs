namespace IpSolis.Domain.Runbooks;

/// <summary>The type of a script module's parameter. Wire names: string, int, bool, json.</summary>
public enum ParameterType
{
    String,
    Int,
    Bool,
    Json,
}
