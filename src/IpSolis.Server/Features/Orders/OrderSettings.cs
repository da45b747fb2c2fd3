using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Orders;

/// <summary>Runtime settings of ordering.</summary>
public static class OrderSettings
{
    public static readonly SettingDefinition<int> MaxAdvanceDays = SettingDefinitions.Integer(
        "orders.max_advance_days", 90, 0, 3650, "Latest start of an order (days ahead)",
        "How many days ahead an order may start; 0 allows any date.");

    public static IEnumerable<ISettingDefinition> All => [MaxAdvanceDays];
}
