namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// A made-up order for the "who would approve" preview: who orders, for whom (<see cref="OwnerEmail"/>, empty: for
/// themselves), for how many days, at what monthly cost (empty: the type's), with which attribute values.
/// </summary>
public sealed record ApprovalSample
{
    public string? RequesterEmail { get; init; }

    public string? OwnerEmail { get; init; }

    public int? DurationDays { get; init; }

    public decimal? MonthlyCost { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
