namespace IpSolis.Domain.Approvals;

/// <summary>
/// What approval rules may look at, taken from the order when it is placed: its duration, the type's monthly cost,
/// whether any attribute it carries is classified PII, PHI or PCI, the requester's directory snapshot, and the
/// attribute values (each as its list of texts: one entry for a scalar, the chosen options for a multi-choice).
/// </summary>
public sealed record ApprovalFacts
{
    public decimal DurationDays { get; init; }

    public decimal? MonthlyCost { get; init; }

    public bool HasPii { get; init; }

    public bool HasPhi { get; init; }

    public bool HasPci { get; init; }

    public string? RequesterDepartment { get; init; }

    public string? RequesterCostCenter { get; init; }

    public string? RequesterTitle { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
}
