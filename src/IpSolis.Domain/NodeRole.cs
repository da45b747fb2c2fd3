namespace IpSolis.Domain;

/// <summary>What one <c>ipsolis serve</c> process does. A node may play any subset.</summary>
[Flags]
public enum NodeRole
{
    None = 0,
    Web = 1,
    Worker = 2,
    Scheduler = 4,
    All = Web | Worker | Scheduler,
}
