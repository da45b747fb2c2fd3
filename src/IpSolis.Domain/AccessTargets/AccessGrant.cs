namespace IpSolis.Domain.AccessTargets;

/// <summary>
/// One person in one group. Both parts are compared without case (directories match DNs and emails that way), so
/// the constructor keeps them trimmed and lower case.
/// </summary>
public readonly record struct AccessGrant
{
    public AccessGrant(string group, string principal)
    {
        Group = Normalize(group);
        Principal = Normalize(principal);
    }

    /// <summary>The group's DN (or local name), lower case.</summary>
    public string Group { get; }

    /// <summary>The person's email or username, lower case.</summary>
    public string Principal { get; }

    public override string ToString() => $"{Principal} in {Group}";

    private static string Normalize(string? text) => (text ?? "").Trim().ToLowerInvariant();
}
