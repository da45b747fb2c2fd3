namespace IpSolis.Server.Platform.Audit;

/// <summary>The first place the audit chain fails to verify. <paramref name="Id"/> is null when the break is
/// not a row (a truncated end).</summary>
public sealed record AuditChainBreak(AuditBreakKind Kind, long Sequence, long? Id, string Reason)
{
    public string Describe() => Id is { } id
        ? $"row id {id} (sequence {Sequence}): {Reason}"
        : $"after sequence {Sequence}: {Reason}";
}
