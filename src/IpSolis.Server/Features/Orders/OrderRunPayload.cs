namespace IpSolis.Server.Features.Orders;

/// <summary>Payload of the <c>orders.run</c> job.</summary>
public sealed record OrderRunPayload(long OrderId);
