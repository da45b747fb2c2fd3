namespace IpSolis.Domain.Approvals;

/// <summary>How far one bucket is: <paramref name="Approved"/> of <paramref name="Required"/> approvals.</summary>
public sealed record ApprovalBucketStatus(string? Bucket, int Approved, int Required, bool Met);
