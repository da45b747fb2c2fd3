namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Limits an <c>admin</c> to some asset types: with at least one grant the admin sees and changes only those types;
/// with none, all of them.
/// </summary>
public sealed class AdminUserGrant
{
    public long AdminUserId { get; set; }

    public long AssetTypeId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}
