using System.Text.Json;

namespace IpSolis.Server.Tests.Notifications;

/// <summary>One message as the test SMTP server received and parsed it (scripts/test-services/smtp_capture.py).</summary>
public sealed record ReceivedMail(
    string MailFrom,
    IReadOnlyList<string> RcptTos,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string Subject,
    string ContentType,
    string? Text,
    string? Html,
    IReadOnlyList<ReceivedAttachment> Attachments,
    string Raw)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static ReceivedMail Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return new ReceivedMail(
            root.GetProperty("mail_from").GetString() ?? "",
            [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()!)],
            [.. root.GetProperty("headers").EnumerateArray().Select(h => new KeyValuePair<string, string>(h[0].GetString()!, h[1].GetString()!))],
            root.GetProperty("subject").GetString() ?? "",
            root.GetProperty("content_type").GetString() ?? "",
            root.GetProperty("text").GetString(),
            root.GetProperty("html").GetString(),
            [.. root.GetProperty("attachments").EnumerateArray().Select(a => new ReceivedAttachment(
                a.GetProperty("filename").GetString() ?? "", a.GetProperty("content_type").GetString() ?? "", Convert.FromBase64String(a.GetProperty("base64").GetString() ?? "")))],
            root.GetProperty("raw").GetString() ?? "");
    }
}
