using IpSolis.Domain.Catalog;

namespace IpSolis.Domain.Approvals;

/// <summary>
/// What routing needs to know about one new order beyond its type: the facts rules look at, the manager of the
/// person the asset is for (null when the directory has none), whether that manager placed the order, the
/// classification policies and compliance officer from the settings, and the delegations in force.
/// </summary>
public sealed record ApprovalCircumstances
{
    public required ApprovalFacts Facts { get; init; }

    public Approver? Manager { get; init; }

    /// <summary>The order was placed by the recipient's own manager (and the directory confirms it).</summary>
    public bool PlacedByManager { get; init; }

    public IReadOnlyDictionary<Classification, ClassificationPolicy> ClassificationPolicies { get; init; } =
        new Dictionary<Classification, ClassificationPolicy>();

    public Approver? ComplianceOfficer { get; init; }

    public IReadOnlyList<ApprovalDelegation> Delegations { get; init; } = [];

    public required DateTimeOffset Now { get; init; }
}
