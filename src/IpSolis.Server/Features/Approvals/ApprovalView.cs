using IpSolis.Domain;
using IpSolis.Domain.Approvals;

namespace IpSolis.Server.Features.Approvals;

/// <summary>An approval row as the API shows it (camelCase names, snake_case values).</summary>
public sealed record ApprovalView(
    long Id,
    long OrderId,
    string ApproverEmail,
    string ApproverName,
    string Source,
    string? RuleName,
    string? Bucket,
    int? Threshold,
    string Status,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Comment,
    string? OnBehalfOfEmail,
    string? OnBehalfOfName,
    bool SodExempt,
    int ReminderCount,
    DateTimeOffset CreatedAt)
{
    public static ApprovalView From(OrderApproval a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new ApprovalView(a.Id, a.OrderId, a.ApproverEmail, a.ApproverName, WireName<ApprovalSource>.Of(a.Source), a.RuleName, a.Bucket,
            a.Threshold, WireName<ApprovalState>.Of(a.Status), a.DecidedAt, a.DecidedBy, a.Comment, a.OnBehalfOfEmail, a.OnBehalfOfName,
            a.SodExempt, a.ReminderCount, a.CreatedAt);
    }
}
