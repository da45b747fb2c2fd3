namespace IpSolis.Domain.Catalog;

/// <summary>The type of an order attribute an asset type asks for. Wire names are upper case (<c>MULTI_ENUM</c>).</summary>
public enum AttributeType
{
    String,
    Int,
    Bool,
    Enum,
    MultiEnum,
}
