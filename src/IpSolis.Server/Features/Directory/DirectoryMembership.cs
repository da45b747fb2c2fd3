namespace IpSolis.Server.Features.Directory;

/// <summary>A direct member of a local-directory group: a person or a nested group (exactly one is set).</summary>
public sealed class DirectoryMembership
{
    public long Id { get; set; }

    public long GroupId { get; set; }

    public long? PersonId { get; set; }

    public long? MemberGroupId { get; set; }
}
