using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests;

/// <summary><c>ipsolis config validate</c> and the refusals of a Production start, through the real executable.</summary>
public sealed class ConfigurationTests : IAsyncLifetime
{
    private static readonly string GoodSecret = new string('k', 10) + TestEnvironment.RandomSecret();
    private string _directory = "";

    public Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("ipsolis-config-").FullName;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private Dictionary<string, string?> Production(params (string Key, string? Value)[] values)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["API_SECRET_KEY"] = GoodSecret,
            ["IPSOLIS_Database__AllowSqliteInProduction"] = "true",
        };
        foreach (var (key, value) in values)
        {
            if (value is null)
                environment.Remove(key);
            else
                environment[key] = value;
        }

        return environment;
    }

    [Fact]
    public async Task Validate_WithGoodProductionSettings_SaysValidAndExitsZero()
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(_directory, Production(), "config", "validate");

        exitCode.Should().Be(0, process.AllOutput);
        process.StandardOutput.Should().Contain("configuration valid");
        process.StandardError.Should().BeEmpty();
    }

    [Theory]
    [InlineData(null, "API_SECRET_KEY: is missing")]
    [InlineData("short-secret", "API_SECRET_KEY: is 12 characters long; it must be at least 32")]
    [InlineData("change-me", "API_SECRET_KEY: is an example value")]
    [InlineData("replace-with-a-random-string-of-at-least-32-characters", "API_SECRET_KEY: is an example value")]
    public async Task Validate_InProduction_RefusesAWeakApiSecretKey_NamingIt(string? secret, string expected)
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(_directory, Production(("API_SECRET_KEY", secret)), "config", "validate");

        exitCode.Should().Be(1, process.AllOutput);
        process.StandardError.Should().ContainSingle().Which.Should().Contain(expected);
        process.StandardOutput.Should().NotContain("configuration valid");
    }

    [Fact]
    public async Task Validate_InProduction_RefusesAShortAdminApiKey()
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(_directory, Production(("ADMIN_API_KEY", "too-short-key")), "config", "validate");

        exitCode.Should().Be(1);
        process.StandardError.Should().ContainSingle().Which.Should().Contain("ADMIN_API_KEY: is 13 characters long");
    }

    [Fact]
    public async Task Validate_InProduction_RefusesSqliteUnlessAllowed()
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(
            _directory, Production(("IPSOLIS_Database__AllowSqliteInProduction", null)), "config", "validate");

        exitCode.Should().Be(1);
        process.StandardError.Should().ContainSingle().Which.Should().Contain("IPSOLIS_Database__AllowSqliteInProduction");
    }

    [Fact]
    public async Task Validate_ListsEveryProblemOnItsOwnLine()
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(_directory, Production(
            ("API_SECRET_KEY", null),
            ("ADMIN_API_KEY", "short"),
            ("IPSOLIS_Database__AllowSqliteInProduction", null),
            ("CORS_ORIGINS", "https://ok.example.com,not an origin")), "config", "validate");

        exitCode.Should().Be(1);
        process.StandardError.Should().HaveCount(4);
        process.StandardError.Should().Contain(l => l.Contains("API_SECRET_KEY:"))
            .And.Contain(l => l.Contains("ADMIN_API_KEY:"))
            .And.Contain(l => l.Contains("IPSOLIS_Database__AllowSqliteInProduction:"))
            .And.Contain(l => l.Contains("CORS_ORIGINS: 'not an origin'"));
    }

    [Fact]
    public async Task Validate_ABadDatabaseUrl_NamesItWithoutPrintingThePassword()
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(_directory, Production(("DATABASE_URL", "postgres://ipsolis:hunter2-secret@/")), "config", "validate");

        exitCode.Should().Be(1);
        process.StandardError.Should().ContainSingle().Which.Should().StartWith("ipsolis: DATABASE_URL:");
        process.AllOutput.Should().NotContain("hunter2-secret");
    }

    [Fact]
    public async Task Validate_IPSOLIS_Variables_OverrideAppSettings()
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(_directory, Production(("IPSOLIS_Server__ShutdownGraceSeconds", "9999")), "config", "validate");

        exitCode.Should().Be(1);
        process.StandardError.Should().ContainSingle().Which.Should().Contain("IPSOLIS_Server__ShutdownGraceSeconds");
    }

    [Fact]
    public async Task Serve_InProduction_RefusesToStartWithAMissingSecret_AndTouchesNothing()
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(
            _directory, Production(("API_SECRET_KEY", null)), "serve", "--urls", $"http://127.0.0.1:{IpSolisProcess.FreePort()}");

        exitCode.Should().Be(1, process.AllOutput);
        process.StandardError.Should().ContainSingle().Which.Should().Be(
            "ipsolis: API_SECRET_KEY: is missing. Set it to a random value of at least 32 characters (for example the output of 'openssl rand -base64 48').");
        Directory.Exists(Path.Combine(_directory, "data")).Should().BeFalse("a refused start creates no database");
    }

    [Fact]
    public async Task Serve_InDevelopment_GeneratesASecretUnderData_AndSaysSo()
    {
        var port = IpSolisProcess.FreePort();
        await using var process = IpSolisProcess.Start(_directory, new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development" },
            "serve", "--urls", $"http://127.0.0.1:{port}");
        await process.WaitUntilReadyAsync($"http://127.0.0.1:{port}/readyz", IpSolisProcess.StartTimeout);

        var secretFile = Path.Combine(_directory, "data", "api-secret.key");
        File.Exists(secretFile).Should().BeTrue();
        (await File.ReadAllTextAsync(secretFile)).Trim().Length.Should().BeGreaterThanOrEqualTo(32);
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(secretFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        process.AllOutput.Should().Contain("generated a random development secret");
        File.Exists(Path.Combine(_directory, "data", "ipsolis.db")).Should().BeTrue("the default database is data/ipsolis.db under the working directory");
        process.Terminate();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Serve_WithAnUnknownRole_ExplainsTheRoles()
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(_directory, Production(), "serve", "--roles", "web,mailer");

        exitCode.Should().Be(1);
        process.StandardError.Should().ContainSingle().Which.Should().Contain("--roles: Unknown role 'mailer'");
    }

    [Fact]
    public async Task Version_PrintsVersionAndCommit()
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(_directory, Production(), "version");

        exitCode.Should().Be(0);
        process.StandardOutput.Should().Contain(l => l.StartsWith("ipsolis 0.", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("commit ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("serve", "--help")]
    [InlineData("migrate", "--help")]
    [InlineData("db", "status", "--help")]
    [InlineData("config", "validate", "--help")]
    public async Task Help_IsAvailableOnEveryCommand(params string[] args)
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(_directory, Production(), args);

        exitCode.Should().Be(0);
        string.Join('\n', process.StandardOutput).Should().Contain("Usage:");
    }
}
