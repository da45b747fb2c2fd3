namespace IpSolis.Domain.Pool;

/// <summary>
/// What an operator may do to one pool asset by hand. Anything an order holds (reserved, busy) belongs to the order:
/// only a force release takes it away, so no hand edit leaves an order pointing at an asset in maintenance.
/// </summary>
public static class PoolAssetRules
{
    public const int MaxReasonLength = 1000;

    /// <summary>A status set by hand: never on a held asset, otherwise as <see cref="PoolAssetTransitions"/> allows.</summary>
    public static Result<PoolAssetStatus> CheckManualStatus(string name, PoolAssetStatus from, PoolAssetStatus to, long? holdingOrderId)
    {
        if (PoolAssetTransitions.IsHeld(from))
        {
            var holder = holdingOrderId is { } order ? $"order {order}" : "an order";
            return new DomainError("pool_asset.transition_not_allowed",
                $"{name} is {WireName<PoolAssetStatus>.Of(from)} for {holder}: its status changes with the order. Force release it to take it back.",
                "status");
        }

        return PoolAssetTransitions.Check(from, to, PoolAssetChange.Operator);
    }

    /// <summary>Moving an asset to another type: only while free, so no order and no rebuild is under way.</summary>
    public static DomainError? CheckTypeChange(string name, PoolAssetStatus status) =>
        status == PoolAssetStatus.Free
            ? null
            : new DomainError("pool_asset.conflict",
                $"Only a free asset can move to another asset type; {name} is {WireName<PoolAssetStatus>.Of(status)}.", "assetTypeId");

    /// <summary>
    /// Deleting: only a free or maintenance asset that no order ever pointed at, so order history never loses its
    /// asset. Anything else is kept and taken out of service with maintenance instead.
    /// </summary>
    public static DomainError? CheckDelete(string name, PoolAssetStatus status, bool referencedByOrders)
    {
        if (status is not (PoolAssetStatus.Free or PoolAssetStatus.Maintenance))
            return new DomainError("pool_asset.in_use",
                $"{name} is {WireName<PoolAssetStatus>.Of(status)}: only free or maintenance assets can be deleted. Set it to maintenance to take it out of service.");
        if (referencedByOrders)
            return new DomainError("pool_asset.in_use",
                $"{name} appears in order history, so it is kept: set it to maintenance to take it out of service instead of deleting it.");
        return null;
    }

    /// <summary>A force release needs a reason: it ends someone's access, and the audit row says why.</summary>
    public static Result<string> CheckReason(string? reason)
    {
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
            return new DomainError("pool_asset.reason", "Say why the asset is force-released; the reason is recorded in the audit log.", "reason");
        if (trimmed.Length > MaxReasonLength)
            return new DomainError("pool_asset.reason", $"The reason can be at most {MaxReasonLength} characters.", "reason");
        return trimmed;
    }
}
