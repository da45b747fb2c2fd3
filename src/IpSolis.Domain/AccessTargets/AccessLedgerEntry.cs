namespace IpSolis.Domain.AccessTargets;

/// <summary>One ledger row as the rules see it: <paramref name="OrderId"/> is the order that holds the access.</summary>
public sealed record AccessLedgerEntry(long OrderId, AccessGrant Grant, AccessAction Action);
