namespace IpSolis.Server.Features.Notifications;

/// <summary>How one delivery attempt ended: accepted (with what the server said) or not (with why).</summary>
public sealed record DeliveryResult(bool Accepted, string Answer)
{
    public static DeliveryResult Ok(string answer) => new(true, answer);

    public static DeliveryResult Refused(string reason) => new(false, reason);
}
