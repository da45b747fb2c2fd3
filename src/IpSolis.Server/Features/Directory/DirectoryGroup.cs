namespace IpSolis.Server.Features.Directory;

/// <summary>A group in the local directory. Groups may contain people and other groups (membership is transitive).</summary>
public sealed class DirectoryGroup
{
    public long Id { get; set; }

    /// <summary>Unique (case-insensitive; stored as given, matched lower case through <see cref="NormalizedName"/>).</summary>
    public required string Name { get; set; }

    public string NormalizedName { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
