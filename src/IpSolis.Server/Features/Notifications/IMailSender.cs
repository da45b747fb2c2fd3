namespace IpSolis.Server.Features.Notifications;

/// <summary>Hands a mail to an SMTP server (Integrations/Smtp). Expected failures come back as a refused result, not an exception.</summary>
public interface IMailSender
{
    Task<DeliveryResult> SendAsync(MailServer server, OutgoingMail mail, CancellationToken cancellationToken);
}
