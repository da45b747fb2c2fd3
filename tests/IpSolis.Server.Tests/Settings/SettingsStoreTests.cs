using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Tests.Settings;

/// <summary>The settings store on the provider under test: typed reads with defaults, all-or-nothing validated saves,
/// audit of every change, secrets encrypted at rest and never echoed, and a short-lived cache.</summary>
public sealed class SettingsStoreTests : IAsyncLifetime
{
    private static readonly SettingDefinition<string?> SmtpPassword = SettingDefinitions.Secret("test.smtp_password", "SMTP password", group: "test");
    private static readonly SettingDefinition<int> Port = SettingDefinitions.Integer("test.port", 25, 1, 65535, "SMTP port", group: "test");
    private static readonly AuditActor Actor = AuditActor.AdminSession("root", "superadmin", "127.0.0.1");

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync(services: s =>
    {
        s.AddSingleton<TimeProvider>(_clock);
        s.AddSetting(SmtpPassword);
        s.AddSetting(Port);
    });

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private SettingsStore Store => _factory.Services.GetRequiredService<SettingsStore>();

    [Fact]
    public async Task Defaults_ThenSavedValues_AreReadBackTyped_AndEveryChangeIsAudited()
    {
        (await Store.GetAsync(GeneralSettings.ApplicationTitle)).Should().Be("ip·Solis");
        (await Store.GetAsync(GeneralSettings.PublicBaseUrl)).Should().BeNull();
        (await Store.GetAsync(GeneralSettings.DefaultTimeZone)).Id.Should().Be("UTC");
        (await Store.GetAsync(Port)).Should().Be(25);

        var result = await Store.SaveAsync(new Dictionary<string, string?>
        {
            ["app.title"] = "  Contoso IT  ",
            ["app.public_base_url"] = "https://it.contoso.example/",
            ["app.time_zone"] = "Europe/Berlin",
            ["test.port"] = "587",
        }, Actor);

        result.Succeeded.Should().BeTrue();
        result.Changed.Should().BeEquivalentTo("app.title", "app.public_base_url", "app.time_zone", "test.port");
        (await Store.GetAsync(GeneralSettings.ApplicationTitle)).Should().Be("Contoso IT");
        (await Store.GetAsync(GeneralSettings.PublicBaseUrl)).Should().Be(new Uri("https://it.contoso.example"));
        (await Store.GetAsync(GeneralSettings.DefaultTimeZone)).Id.Should().Be("Europe/Berlin");
        (await Store.GetAsync(Port)).Should().Be(587);

        var audit = (await AccessFixtures.AuditAsync(_factory)).Where(e => e.Action == "setting.changed").ToList();
        audit.Should().HaveCount(4).And.OnlyContain(e => e.Actor == "admin:session:root:superadmin" && e.EntityType == "setting");
        var title = audit.Single(e => e.EntityId == "app.title");
        title.OldValues.Should().Be("""{"value":null}""");
        title.NewValues.Should().Be("""{"value":"Contoso IT"}""");

        // Saving the same again changes (and audits) nothing; a blank plain value goes back to the default.
        (await Store.SaveAsync(new Dictionary<string, string?> { ["app.title"] = "Contoso IT" }, Actor)).Changed.Should().BeEmpty();
        (await Store.SaveAsync(new Dictionary<string, string?> { ["app.title"] = "" }, Actor)).Changed.Should().Equal("app.title");
        (await Store.GetAsync(GeneralSettings.ApplicationTitle)).Should().Be("ip·Solis");
        (await AccessFixtures.AuditAsync(_factory)).Count(e => e.Action == "setting.changed").Should().Be(5);
        (await _factory.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(null, CancellationToken.None)).Intact.Should().BeTrue();
    }

    [Fact]
    public async Task InvalidValues_AreRefusedWithClearMessages_AndNothingIsSaved()
    {
        var result = await Store.SaveAsync(new Dictionary<string, string?>
        {
            ["app.title"] = "Fine title",
            ["app.public_base_url"] = "ftp://files.example",
            ["app.time_zone"] = "Mars/Olympus_Mons",
            ["test.port"] = "70000",
            ["no.such.key"] = "x",
            ["app.logo"] = "data",
        }, Actor);

        result.Succeeded.Should().BeFalse();
        result.Errors["app.public_base_url"].Should().Contain("absolute http:// or https:// URL");
        result.Errors["app.time_zone"].Should().Contain("'Mars/Olympus_Mons' is not a known IANA time zone id");
        result.Errors["test.port"].Should().Be("SMTP port must be between 1 and 65535.");
        result.Errors["no.such.key"].Should().Be("There is no setting 'no.such.key'.");
        result.Errors["app.logo"].Should().Contain("uploaded as a file");
        result.Errors.Should().NotContainKey("app.title");
        (await Store.GetAsync(GeneralSettings.ApplicationTitle)).Should().Be("ip·Solis", "nothing is saved when anything is invalid");
        (await Store.SaveAsync(new Dictionary<string, string?> { ["app.title"] = new string('x', 101) }, Actor))
            .Errors["app.title"].Should().Be("Application title can be at most 100 characters long.");
        (await Store.SaveAsync(new Dictionary<string, string?> { ["app.public_base_url"] = "https://user:pw@it.example" }, Actor))
            .Errors["app.public_base_url"].Should().Contain("user name");
        (await AccessFixtures.AuditAsync(_factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task SecretSettings_AreEncryptedAtRest_MaskedInTheAudit_AndKeptWhenLeftBlank()
    {
        (await Store.SaveAsync(new Dictionary<string, string?> { ["test.smtp_password"] = "hunter2-very-secret" }, Actor)).Succeeded.Should().BeTrue();

        var stored = await DirectSql.ScalarAsync<string>(_factory.Database, "SELECT value FROM settings WHERE key = 'test.smtp_password'");
        stored.Should().StartWith(SettingSecretProtector.Prefix).And.NotContain("hunter2");
        (await Store.GetAsync(SmtpPassword)).Should().Be("hunter2-very-secret");
        (await Store.CurrentAsync()).Text(SmtpPassword).Should().BeNull("secrets are never handed out as text for forms or the API");

        (await Store.SaveAsync(new Dictionary<string, string?> { ["test.smtp_password"] = "   " }, Actor)).Changed.Should().BeEmpty("blank keeps the secret");
        (await Store.GetAsync(SmtpPassword)).Should().Be("hunter2-very-secret");
        (await Store.SaveAsync(new Dictionary<string, string?> { ["test.smtp_password"] = "rotated" }, Actor)).Changed.Should().Equal("test.smtp_password");
        (await Store.SaveAsync(new Dictionary<string, string?> { ["test.smtp_password"] = null }, Actor)).Changed.Should().Equal("test.smtp_password");
        (await Store.GetAsync(SmtpPassword)).Should().BeNull();

        var audit = (await AccessFixtures.AuditAsync(_factory)).Where(e => e.EntityId == "test.smtp_password").ToList();
        audit.Select(e => (e.OldValues, e.NewValues)).Should().Equal(
            ("""{"value":null}""", """{"value":"***"}"""),
            ("""{"value":"***"}""", """{"value":"***"}"""),
            ("""{"value":"***"}""", """{"value":null}"""));
        audit.Should().NotContain(e => (e.OldValues + e.NewValues).Contains("hunter2") || (e.OldValues + e.NewValues).Contains("rotated"));
    }

    [Fact]
    public async Task ASecretSavedUnderAnotherApiSecretKey_CountsAsUnsetAndIsFlagged()
    {
        _ = Store; // starts the host, which migrates a SQLite database
        var otherKey = new SettingSecretProtector(Options.Create(new SecurityOptions { ApiSecretKey = TestEnvironment.RandomSecret() }));
        var sealedValue = otherKey.Protect("test.smtp_password", "from-another-installation");
        await DirectSql.ExecuteAsync(_factory.Database,
            $"INSERT INTO settings (key, value, is_secret, updated_at, updated_by) VALUES ('test.smtp_password', '{sealedValue}', {(_factory.Database.IsPostgres ? "true" : "1")}, {(_factory.Database.IsPostgres ? "now()" : "0")}, 'test')");
        Store.Invalidate();

        var snapshot = await Store.CurrentAsync();

        snapshot.Get(SmtpPassword).Should().BeNull();
        snapshot.IsSet(SmtpPassword).Should().BeTrue();
        snapshot.IsUnreadable(SmtpPassword).Should().BeTrue();
    }

    [Fact]
    public async Task Reads_ComeFromACacheThatExpiresWithinSeconds()
    {
        (await Store.GetAsync(GeneralSettings.ApplicationTitle)).Should().Be("ip·Solis");
        // Another node's change, straight into the table.
        await DirectSql.ExecuteAsync(_factory.Database,
            $"INSERT INTO settings (key, value, is_secret, updated_at, updated_by) VALUES ('app.title', 'From another node', {(_factory.Database.IsPostgres ? "false" : "0")}, {(_factory.Database.IsPostgres ? "now()" : "0")}, 'test')");

        (await Store.GetAsync(GeneralSettings.ApplicationTitle)).Should().Be("ip·Solis", "the snapshot is still fresh");
        _clock.Advance(SettingsStore.CacheLifetime);
        (await Store.GetAsync(GeneralSettings.ApplicationTitle)).Should().Be("From another node");
    }
}
