namespace IpSolis.Server.Features.Approvals.Portal;

/// <summary>The self-service delegation form: who stands in, from when and until when (dates, UTC), or a window to end.</summary>
public sealed class DelegationForm
{
    public string? DelegateEmail { get; set; }

    public string? DelegateName { get; set; }

    public string? From { get; set; }

    public string? Until { get; set; }

    /// <summary>Set when the post ends a window instead of creating one.</summary>
    public long? RevokeId { get; set; }
}
