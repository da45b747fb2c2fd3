namespace IpSolis.Domain.Orders;

/// <summary>The seats of a capacity-pooled type: every holding provision order of the type takes one.</summary>
public static class OrderCapacity
{
    /// <summary>Null when one more order fits (<paramref name="capacity"/> null means unlimited).</summary>
    public static DomainError? Check(int? capacity, int holding)
    {
        if (capacity is not { } seats || holding < seats)
            return null;
        return new DomainError(
            "order.capacity_reached",
            $"All {seats} seats of this type are taken. Try again when one is returned.",
            "assetTypeId");
    }
}
