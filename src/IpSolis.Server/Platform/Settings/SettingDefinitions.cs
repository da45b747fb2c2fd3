using System.Globalization;

namespace IpSolis.Server.Platform.Settings;

/// <summary>Ready-made setting shapes with their checks and messages, so features declare settings in one line.</summary>
public static class SettingDefinitions
{
    public static SettingDefinition<string> Text(string key, string defaultValue, string label, string description = "",
        string group = "general", int maxLength = 500, Func<string, string?>? validate = null) =>
        new(key, defaultValue, text => text, text =>
        {
            var trimmed = text.Trim();
            if (trimmed.Length > maxLength)
                return SettingInput.Invalid($"{label} can be at most {maxLength} characters long.");
            if (trimmed.Any(char.IsControl))
                return SettingInput.Invalid($"{label} cannot contain control characters or line breaks.");
            return validate?.Invoke(trimmed) is { } error ? SettingInput.Invalid(error) : SettingInput.Valid(trimmed);
        }, label, description, group, defaultText: defaultValue);

    public static SettingDefinition<int> Integer(string key, int defaultValue, int min, int max, string label,
        string description = "", string group = "general") =>
        new(key, defaultValue, text => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture), text =>
        {
            if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                return SettingInput.Invalid($"{label} must be a whole number.");
            if (value < min || value > max)
                return SettingInput.Invalid($"{label} must be between {min} and {max}.");
            return SettingInput.Valid(value.ToString(CultureInfo.InvariantCulture));
        }, label, description, group, defaultText: defaultValue.ToString(CultureInfo.InvariantCulture));

    public static SettingDefinition<bool> Boolean(string key, bool defaultValue, string label, string description = "", string group = "general") =>
        new(key, defaultValue, text => bool.Parse(text), text => text.Trim().ToLowerInvariant() switch
        {
            "true" or "on" or "1" or "yes" => SettingInput.Valid("true"),
            "false" or "off" or "0" or "no" => SettingInput.Valid("false"),
            _ => SettingInput.Invalid($"{label} must be true or false."),
        }, label, description, group, defaultText: defaultValue ? "true" : "false");

    /// <summary>An absolute http or https URL without query or fragment; stored without a trailing slash.</summary>
    public static SettingDefinition<Uri?> AbsoluteUrl(string key, string label, string description = "", string group = "general") =>
        new(key, null, text => new Uri(text, UriKind.Absolute), text =>
        {
            var trimmed = text.Trim();
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                return SettingInput.Invalid($"{label} must be an absolute http:// or https:// URL, like https://ipsolis.example.com.");
            if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                return SettingInput.Invalid($"{label} cannot contain a user name, a query (?…) or a fragment (#…).");
            return SettingInput.Valid(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        }, label, description, group);

    /// <summary>An IANA time zone id this machine knows (checked with <see cref="TimeZoneInfo.FindSystemTimeZoneById"/>).</summary>
    public static SettingDefinition<TimeZoneInfo> TimeZone(string key, string defaultId, string label, string description = "", string group = "general") =>
        new(key, TimeZoneInfo.FindSystemTimeZoneById(defaultId), text => Find(text) ?? throw new FormatException($"Unknown time zone {text}."), text =>
        {
            var trimmed = text.Trim();
            if (Find(trimmed) is not { } zone)
                return SettingInput.Invalid($"{label}: '{trimmed}' is not a known IANA time zone id (like Europe/Berlin or UTC).");
            // Windows ids resolve too on ICU systems; store the IANA spelling.
            return SettingInput.Valid(zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id);
        }, label, description, group, defaultText: defaultId);

    /// <summary>A secret string: encrypted at rest, never shown again.</summary>
    public static SettingDefinition<string?> Secret(string key, string label, string description = "", string group = "general", int maxLength = 4000) =>
        new(key, null, text => text, text => text.Length > maxLength
            ? SettingInput.Invalid($"{label} can be at most {maxLength} characters long.")
            : SettingInput.Valid(text), label, description, group, SettingKind.Secret);

    private static TimeZoneInfo? Find(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
