namespace IpSolis.Domain.Catalog;

/// <summary>How sensitive a value is, in rising order: the strictest class on a type tags its audit rows.</summary>
public enum Classification
{
    Internal,
    Pii,
    Phi,
    Pci,
}
