namespace IpSolis.Server.Platform.Audit;

/// <summary>What the audit log shows in place of a secret value.</summary>
public static class AuditValues
{
    public const string Masked = "***";
}
