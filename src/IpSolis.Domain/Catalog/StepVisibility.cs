namespace IpSolis.Domain.Catalog;

/// <summary>How much of an order's step log its requester sees in the portal.</summary>
public enum StepVisibility
{
    /// <summary>No steps.</summary>
    Off,

    /// <summary>Step names, status and timing, with a generic failure text.</summary>
    Detailed,

    /// <summary>Also each step's output and error.</summary>
    Debug,
}
