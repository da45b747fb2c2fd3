namespace IpSolis.Domain.Orders;

/// <summary>
/// The per-person limit of an asset type: every holding provision order of that type for that requester counts
/// (<see cref="OrderStatuses.Holding"/>), whichever entry point placed it.
/// </summary>
public static class OrderQuota
{
    /// <summary>Null when one more order fits under <paramref name="maxPerUser"/> (0 or less means no limit).</summary>
    public static DomainError? Check(int maxPerUser, QuotaUse use)
    {
        ArgumentNullException.ThrowIfNull(use);
        if (maxPerUser <= 0 || use.Total < maxPerUser)
            return null;
        var parts = new List<string>();
        if (use.Live > 0)
            parts.Add($"{use.Live} live");
        if (use.AwaitingApproval > 0)
            parts.Add($"{use.AwaitingApproval} awaiting approval");
        if (use.InProgress > 0)
            parts.Add($"{use.InProgress} in progress");
        var limit = maxPerUser == 1 ? "1 order" : $"{maxPerUser} orders";
        return new DomainError(
            "order.quota_reached",
            $"The limit of {limit} of this type per person is reached: {string.Join(", ", parts)}. Return one or wait for it to end.",
            "assetTypeId");
    }
}
