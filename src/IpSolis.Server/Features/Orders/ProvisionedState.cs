using IpSolis.Domain.Catalog;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// What a provision run delivered, recorded on the order (<see cref="Order.ProvisionedStateJson"/>) and copied to the
/// order that ends it, so the end follows the same model and policy even when the type was changed meanwhile.
/// </summary>
public sealed record ProvisionedState(
    DateTimeOffset SnapshotAt,
    AssignmentModel AssignmentModel,
    AutomationStrategy AutomationStrategy,
    DeprovisionPolicy DeprovisionPolicy,
    long? AssetId,
    string? AssetName)
{
    public string ToJson() => JsonColumn.Write(this);

    public static ProvisionedState? FromJson(string? json) => JsonColumn.Read<ProvisionedState?>(json, null);
}
