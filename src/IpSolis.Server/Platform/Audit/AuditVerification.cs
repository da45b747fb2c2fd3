namespace IpSolis.Server.Platform.Audit;

/// <summary>The result of walking the audit chain: how many rows were checked and the first break, if any.</summary>
public sealed record AuditVerification(long RowCount, AuditChainBreak? Break)
{
    public bool Intact => Break is null;
}
