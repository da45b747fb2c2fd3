namespace IpSolis.Server.Features.Orders.Portal;

/// <summary>What happened to an order of the family on the order page's timeline.</summary>
public enum TimelineMoment
{
    Created,
    Started,
    Completed,
}
