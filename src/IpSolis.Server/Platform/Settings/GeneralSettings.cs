namespace IpSolis.Server.Platform.Settings;

/// <summary>The General tab of <c>/ui/settings</c>: what the installation is called, where it lives, its clock.</summary>
public static class GeneralSettings
{
    public const string DefaultTitle = "ip·Solis";

    public static readonly SettingDefinition<string> ApplicationTitle = SettingDefinitions.Text(
        "app.title", DefaultTitle, "Application title",
        "Shown in the header, the browser tab and e-mails.", maxLength: 100,
        validate: title => title.Length == 0 ? "Application title cannot be empty." : null);

    public static readonly SettingDefinition<Uri?> PublicBaseUrl = SettingDefinitions.AbsoluteUrl(
        "app.public_base_url", "Public base URL",
        "The address users reach ip·Solis at, like https://ipsolis.example.com. Links in e-mails and sign-in redirects are built from it.");

    public static readonly SettingDefinition<TimeZoneInfo> DefaultTimeZone = SettingDefinitions.TimeZone(
        "app.time_zone", "UTC", "Default time zone",
        "IANA time zone id (like Europe/Berlin) for dates shown to people and for schedules.");

    public static readonly SettingDefinition<BrandLogo?> Logo = new(
        "app.logo", null, BrandLogo.Read,
        _ => SettingInput.Invalid("The logo is uploaded as a file on the settings page."),
        "Logo", $"PNG or JPEG, at most {BrandLogo.MaxBytes / 1024} KB.", kind: SettingKind.Upload,
        auditText: BrandLogo.Describe);

    public static IEnumerable<ISettingDefinition> All => [ApplicationTitle, PublicBaseUrl, DefaultTimeZone, Logo];
}
