namespace IpSolis.Domain.Catalog;

/// <summary>Makes an attribute visible only while attribute <see cref="Field"/> has <see cref="Value"/>
/// (case-insensitive; for MULTI_ENUM, while it is one of the chosen options; for BOOL, <c>true</c> or <c>false</c>).</summary>
public sealed record AttributeCondition(string Field, string Value);
