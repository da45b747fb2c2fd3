using System.Diagnostics;
using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using IpSolis.Server.Features.Notifications;

namespace IpSolis.Server.Integrations.Smtp;

/// <summary>
/// Sends over SMTP with <see cref="SmtpClient"/> (MailKit is not available here): plain text with an HTML
/// alternative, attachments, global blind copies, STARTTLS when asked (.NET's client has no implicit TLS), and a
/// timeout that also covers a server that accepts the connection and then says nothing.
/// </summary>
internal sealed class SmtpMailSender : IMailSender
{
    public async Task<DeliveryResult> SendAsync(MailServer server, OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var message = Build(server, mail);
        using var client = new SmtpClient(server.Host, server.Port)
        {
            EnableSsl = server.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)server.Timeout.TotalMilliseconds,
        };
        if (server.Username is not null)
            client.Credentials = new NetworkCredential(server.Username, server.Password ?? "");
        else
            client.UseDefaultCredentials = false;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(server.Timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            await client.SendMailAsync(message, timeout.Token);
            return DeliveryResult.Ok($"250 accepted by {server.Describe()} in {clock.ElapsedMilliseconds} ms");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Refused($"No answer from {server.Host}:{server.Port} within {server.Timeout.TotalSeconds:0} s.");
        }
        catch (SmtpFailedRecipientException ex)
        {
            return DeliveryResult.Refused($"{(int)ex.StatusCode} {ex.StatusCode}: {Describe(ex)}");
        }
        catch (SmtpException ex)
        {
            return DeliveryResult.Refused($"{(int)ex.StatusCode} {ex.StatusCode}: {Describe(ex)}");
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or InvalidOperationException or FormatException)
        {
            return DeliveryResult.Refused(Describe(ex));
        }
    }

    private static MailMessage Build(MailServer server, OutgoingMail mail)
    {
        var message = new MailMessage
        {
            From = new MailAddress(server.From, server.FromName, Encoding.UTF8),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            // The text part is the body; the HTML part an alternative after it (multipart/alternative, best last).
            Body = mail.Text,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(mail.To, mail.ToName ?? "", Encoding.UTF8));
        foreach (var bcc in server.Bcc)
            message.Bcc.Add(bcc);
        var html = AlternateView.CreateAlternateViewFromString(mail.Html, Encoding.UTF8, MediaTypeNames.Text.Html);
        html.TransferEncoding = TransferEncoding.QuotedPrintable;
        message.AlternateViews.Add(html);
        foreach (var attachment in mail.Attachments)
        {
            var part = new Attachment(new MemoryStream(attachment.Content, writable: false), attachment.FileName, attachment.ContentType);
            part.ContentDisposition!.FileName = attachment.FileName;
            message.Attachments.Add(part);
        }

        foreach (var (name, value) in mail.Headers)
            message.Headers.Add(name, value);
        return message;
    }

    // The exception chain names the cause (refused connection, TLS failure, the server's reply); never a credential.
    private static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            var text = e.Message.Trim();
            if (text.Length > 0 && !parts.Contains(text))
                parts.Add(text);
        }

        var joined = string.Join(" — ", parts);
        return joined.Length > 1000 ? joined[..1000] : joined;
    }
}
