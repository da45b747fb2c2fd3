using System.Diagnostics.Metrics;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// The <c>IpSolis.Approvals</c> meter: approval decisions committed, by decision and by whom: the approver, a
/// superadmin forcing it, or the auto-decline job.
/// </summary>
public sealed class ApprovalMetrics
{
    public const string MeterName = "IpSolis.Approvals";

    private readonly Counter<long> _decisions;

    public ApprovalMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>("ipsolis.approvals.decisions", "{decision}",
            "Approval decisions committed: decision approved or declined; by approver, superadmin (forced) or auto (auto-decline).");
    }

    public const string ByApprover = "approver";
    public const string BySuperadmin = "superadmin";
    public const string ByAutoDecline = "auto";

    public void Decided(bool approved, string by) => _decisions.Add(1,
        new KeyValuePair<string, object?>("decision", approved ? "approved" : "declined"),
        new KeyValuePair<string, object?>("by", by));
}
