namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// One event that sends mail: who gets it, which variables its template may use (with a sample value each, for the
/// editor's list and preview) and its built-in English and German text.
/// </summary>
public sealed record TemplateDefinition(
    string Key,
    string Name,
    string Recipients,
    IReadOnlyDictionary<string, string> Samples,
    TemplateText English,
    TemplateText German)
{
    /// <summary>Variables every template has: the application title, the greeting's name and the portal's address.</summary>
    public static readonly IReadOnlyDictionary<string, string> CommonSamples = new Dictionary<string, string>
    {
        ["app_title"] = "ip·Solis",
        ["recipient_name"] = "Dana Example",
        ["portal_url"] = "https://ipsolis.example.com/portal",
    };

    /// <summary>Every variable the template may use: the common ones and the event's own.</summary>
    public IReadOnlyList<string> Variables => [.. CommonSamples.Keys, .. Samples.Keys];

    public TemplateText In(string culture) => culture == "de" ? German : English;
}
