namespace IpSolis.Domain.Approvals;

/// <summary>Who must also approve an order that carries classified data (PII, PHI or PCI).</summary>
public enum ClassificationPolicy
{
    None,
    ComplianceOfficer,
    OwnerOfRecord,
}
