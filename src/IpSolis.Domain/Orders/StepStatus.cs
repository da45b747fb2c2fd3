namespace IpSolis.Domain.Orders;

/// <summary>The state of one step in an order's step log.</summary>
public enum StepStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
