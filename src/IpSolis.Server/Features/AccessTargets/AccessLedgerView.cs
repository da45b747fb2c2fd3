using IpSolis.Domain;
using IpSolis.Domain.AccessTargets;

namespace IpSolis.Server.Features.AccessTargets;

/// <summary>One ledger row as the API shows it.</summary>
public sealed record AccessLedgerView(
    long Id, long OrderId, long RunOrderId, string GroupDn, string Principal, string Action, string Outcome, string Actor, DateTimeOffset At)
{
    public static AccessLedgerView From(AccessLedgerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Id, row.OrderId, row.RunOrderId, row.GroupDn, row.Principal, WireName<AccessAction>.Of(row.Action), row.Outcome, row.Actor, row.At);
    }
}
