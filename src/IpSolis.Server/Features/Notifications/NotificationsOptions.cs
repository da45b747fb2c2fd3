namespace IpSolis.Server.Features.Notifications;

/// <summary>How the outbox retries a refused message (<c>IPSOLIS_Notifications__*</c>).</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Attempts per message before it is marked failed (an operator can resend it).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first refused attempt; doubled per attempt (with jitter) up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    public double RetryMaxSeconds { get; set; } = 3600;

    public TimeSpan RetryBaseDelay => TimeSpan.FromSeconds(RetryBaseSeconds);

    public TimeSpan RetryMaxDelay => TimeSpan.FromSeconds(RetryMaxSeconds);
}
