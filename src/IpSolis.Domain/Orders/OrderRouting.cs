namespace IpSolis.Domain.Orders;

/// <summary>Where a new order goes once it passed every check.</summary>
public static class OrderRouting
{
    /// <summary>
    /// Awaiting approval when one is needed; otherwise scheduled when it starts on a later UTC day (it starts on its
    /// date), else processing now.
    /// </summary>
    public static OrderStatus Route(bool approvalNeeded, DateTimeOffset from, DateTimeOffset now)
    {
        if (approvalNeeded)
            return OrderStatus.PendingApproval;
        return OrderDates.StartsOnLaterDay(from, now) ? OrderStatus.Scheduled : OrderStatus.Processing;
    }

    /// <summary>Where an order goes when its approval is complete: scheduled until its start day, else processing.</summary>
    public static OrderStatus AfterApproval(DateTimeOffset from, DateTimeOffset now) =>
        OrderDates.StartsOnLaterDay(from, now) ? OrderStatus.Scheduled : OrderStatus.Processing;
}
