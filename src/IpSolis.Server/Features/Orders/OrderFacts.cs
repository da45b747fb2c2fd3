using IpSolis.Domain;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Orders;

/// <summary>Small derivations about orders that several order services share.</summary>
internal static class OrderFacts
{
    /// <summary>The wire name of the strictest classification in a type's stored attribute schema (internal when none).</summary>
    public static string Classification(string? attributesJson) =>
        WireName<Classification>.Of(JsonColumn.Read<List<AttributeDefinition>>(attributesJson, [])
            .Select(a => a.Classification).DefaultIfEmpty(Domain.Catalog.Classification.Internal).Max());

    public static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
