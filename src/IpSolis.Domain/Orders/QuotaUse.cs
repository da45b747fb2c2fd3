namespace IpSolis.Domain.Orders;

/// <summary>
/// The orders that use one person's quota of one asset type, by what they are doing: live (provisioned, being
/// revoked), awaiting approval, and in progress (scheduled, processing, failed and waiting for a retry).
/// </summary>
public sealed record QuotaUse(int Live, int AwaitingApproval, int InProgress)
{
    public static readonly QuotaUse None = new(0, 0, 0);

    public int Total => Live + AwaitingApproval + InProgress;

    /// <summary>Counts the holding statuses among <paramref name="statuses"/> (one per order); others are ignored.</summary>
    public static QuotaUse Of(IEnumerable<OrderStatus> statuses)
    {
        int live = 0, awaiting = 0, inProgress = 0;
        foreach (var status in statuses)
        {
            switch (status)
            {
                case OrderStatus.Provisioned or OrderStatus.Revoking:
                    live++;
                    break;
                case OrderStatus.PendingApproval:
                    awaiting++;
                    break;
                case OrderStatus.Scheduled or OrderStatus.Processing or OrderStatus.Failed:
                    inProgress++;
                    break;
            }
        }

        return new QuotaUse(live, awaiting, inProgress);
    }
}
