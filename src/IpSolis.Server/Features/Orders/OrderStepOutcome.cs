using IpSolis.Domain.Orders;

namespace IpSolis.Server.Features.Orders;

/// <summary>How one step of a run ended, with what it tells operators (<see cref="Output"/>) or why it failed.</summary>
public sealed record OrderStepOutcome(StepStatus Status, string? Output = null, string? Error = null)
{
    public static OrderStepOutcome Succeeded(string output) => new(StepStatus.Succeeded, output);

    public static OrderStepOutcome Skipped(string reason) => new(StepStatus.Skipped, reason);

    public static OrderStepOutcome Failed(string error) => new(StepStatus.Failed, null, error);
}
