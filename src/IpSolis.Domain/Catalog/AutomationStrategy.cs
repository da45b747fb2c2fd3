namespace IpSolis.Domain.Catalog;

/// <summary>What provisions an order besides the built-in steps (reserve, mark busy, set expiry, release).</summary>
public enum AutomationStrategy
{
    /// <summary>Directory group targets only.</summary>
    GroupOnly,

    /// <summary>The type's runbook only.</summary>
    RunbookOnly,

    /// <summary>Group targets and the runbook, in the configured order.</summary>
    Composite,
}
