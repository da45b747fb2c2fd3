using IpSolis.Domain.Orders;

namespace IpSolis.Server.Features.Orders;

/// <summary>One step of an order's run, updated in place as it runs (one row per step, never a row per event).</summary>
public sealed class OrderStep
{
    public long Id { get; set; }

    public long OrderId { get; set; }

    /// <summary>1-based order of the step in the run.</summary>
    public int Position { get; set; }

    /// <summary>Stable code of the step (<c>reserve_asset</c>, <c>mark_busy</c>, ...).</summary>
    public required string Code { get; set; }

    /// <summary>What people read (<c>Reserve asset</c>).</summary>
    public required string Name { get; set; }

    public StepStatus Status { get; set; } = StepStatus.Pending;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>What the step did, for operators (and requesters with debug visibility). Never a secret.</summary>
    public string? Output { get; set; }

    public string? Error { get; set; }
}
