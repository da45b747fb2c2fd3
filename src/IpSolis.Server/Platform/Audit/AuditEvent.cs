namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// One state change to record. <paramref name="OldValues"/> and <paramref name="NewValues"/> are serialized to
/// JSON; properties marked secret by the caller must already be masked (use <see cref="AuditValues.Masked"/>).
/// </summary>
/// <param name="Action">Dotted verb in the product's words: <c>admin_user.created</c>, <c>auth.sign_in_failed</c>.</param>
/// <param name="EntityType">What was changed: <c>admin_user</c>, <c>api_token</c>, <c>setting</c>.</param>
/// <param name="EntityId">Its id, when it has one.</param>
/// <param name="Classification"><c>internal</c> (default), <c>pii</c>, <c>phi</c> or <c>pci</c>.</param>
public sealed record AuditEvent(
    string Action,
    string EntityType,
    string? EntityId = null,
    object? OldValues = null,
    object? NewValues = null,
    string Classification = "internal");
