namespace IpSolis.Server.Features.Runbooks;

/// <summary>The <c>runbooks.run</c> job's payload.</summary>
public sealed record RunbookRunPayload(long RunId);
