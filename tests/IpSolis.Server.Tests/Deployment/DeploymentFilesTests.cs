using System.Text.RegularExpressions;
using IpSolis.Domain;
using IpSolis.Server.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace IpSolis.Server.Tests.Deployment;

/// <summary>
/// deploy/: the compose files, Dockerfile, nginx.conf, systemd unit and .env.example say what the app really
/// accepts. No Docker engine runs here: the files are parsed, and the app's own <c>config validate</c> judges the
/// environment the compose services give it.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string[] SecretNames = ["API_SECRET_KEY", "ADMIN_API_KEY", "POSTGRES_PASSWORD", "DATABASE_URL"];

    private static readonly Dictionary<string, string> GoodVariables = new(StringComparer.Ordinal)
    {
        ["API_SECRET_KEY"] = "k" + TestEnvironment.RandomSecret() + TestEnvironment.RandomSecret(),
        ["POSTGRES_PASSWORD"] = "pw" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        ["IPSOLIS_SERVER_NAME"] = "ipsolis.test",
    };

    private static readonly YamlMappingNode Compose = DeploymentFiles.Compose("compose.yaml");

    [Fact]
    public void Compose_HasPostgresMigrateAppAndOptionalNodes()
    {
        Compose.Mapping("services").Keys().Should().BeEquivalentTo("postgres", "migrate", "app", "worker", "scheduler");

        var postgres = DeploymentFiles.Service(Compose, "postgres");
        postgres.Scalar("image").Should().MatchRegex(@"^postgres:\d+$", "the major version is pinned");
        string.Join(' ', postgres.Mapping("healthcheck")!.Sequence("test")).Should().Contain("pg_isready");
        postgres.Sequence("volumes").Should().Contain(v => v.EndsWith(":/var/lib/postgresql/data", StringComparison.Ordinal));

        foreach (var name in new[] { "worker", "scheduler" })
            DeploymentFiles.Service(Compose, name).Sequence("profiles").Should().Equal(["nodes"], $"{name} is optional");
        foreach (var name in new[] { "postgres", "migrate", "app" })
            DeploymentFiles.Service(Compose, name).Get("profiles").Should().BeNull($"{name} always runs");
    }

    [Fact]
    public void Compose_MigrateRunsOnceAfterPostgres_AndTheNodesWaitForIt()
    {
        var migrate = DeploymentFiles.Service(Compose, "migrate");
        migrate.Sequence("command").Should().Equal("migrate");
        migrate.Scalar("restart").Should().Be("no");
        Condition(migrate, "postgres").Should().Be("service_healthy");

        foreach (var name in new[] { "app", "worker", "scheduler" })
        {
            var service = DeploymentFiles.Service(Compose, name);
            Condition(service, "migrate").Should().Be("service_completed_successfully", name);
            Condition(service, "postgres").Should().Be("service_healthy", name);
        }
    }

    [Fact]
    public void Compose_AppHasAHealthCheckOnLivez_AndPublishesOnLoopbackOnly()
    {
        var app = DeploymentFiles.Service(Compose, "app");
        var health = app.Mapping("healthcheck")!;
        string.Join(' ', health.Sequence("test")).Should().Contain("/livez").And.Contain("127.0.0.1/8000");
        health.Scalar("interval").Should().NotBeNullOrEmpty();
        app.Sequence("ports").Should().OnlyContain(p => p.StartsWith("127.0.0.1:", StringComparison.Ordinal) && p.EndsWith(":8000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("app", NodeRole.All)]
    [InlineData("worker", NodeRole.Worker)]
    [InlineData("scheduler", NodeRole.Scheduler)]
    public void Compose_NodesServeWithRolesTheAppParses(string name, NodeRole expected)
    {
        var command = DeploymentFiles.Service(Compose, name).Sequence("command")
            .Select(part => DeploymentFiles.Interpolate(part, GoodVariables)).ToList();

        command[0].Should().Be("serve");
        var roles = command.IndexOf("--roles");
        roles.Should().BePositive("the node's roles are the serve --roles option");
        var parsed = NodeRoles.Parse(command[roles + 1]);
        parsed.Succeeded.Should().BeTrue(command[roles + 1]);
        parsed.Value.Should().Be(expected);
    }

    [Fact]
    public void Compose_InlinesNoSecret_EveryOneComesFromDotEnv()
    {
        foreach (var file in new[] { "compose.yaml", "compose.tls.yaml" })
        {
            var compose = DeploymentFiles.Compose(file);
            foreach (var name in compose.Mapping("services").Keys())
            {
                foreach (var (key, value) in DeploymentFiles.Environment(DeploymentFiles.Service(compose, name)))
                {
                    if (!SecretNames.Contains(key) && !key.Contains("PASSWORD", StringComparison.Ordinal) && !key.Contains("SECRET", StringComparison.Ordinal))
                        continue;
                    var withoutReferences = Regex.Replace(value, @"\$\{[^}]*\}", "");
                    if (key == "DATABASE_URL")
                    {
                        // postgres://user:${POSTGRES_PASSWORD}@host: everything but the password may be literal.
                        var match = Regex.Match(value, @"^postgres://[^:]+:(?<password>[^@]*)@");
                        match.Success.Should().BeTrue($"{file} {name} DATABASE_URL is a postgres URL");
                        match.Groups["password"].Value.Should().MatchRegex(@"^\$\{POSTGRES_PASSWORD[^}]*\}$", $"{file} {name}");
                    }
                    else
                    {
                        withoutReferences.Should().BeEmpty($"{file} {name} {key} comes from the environment, not the file");
                    }
                }
            }
        }
    }

    [Fact]
    public void Compose_EveryVariableItReads_IsDescribedInEnvExample()
    {
        var described = EnvExample().Keys.ToHashSet(StringComparer.Ordinal);
        var referenced = new[] { "compose.yaml", "compose.tls.yaml" }
            .SelectMany(file => DeploymentFiles.References(DeploymentFiles.Read(file)))
            .ToHashSet(StringComparer.Ordinal);

        referenced.Should().NotBeEmpty();
        referenced.Except(described).Should().BeEmpty("deploy/.env.example names every variable the compose files read");
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("app")]
    [InlineData("worker")]
    [InlineData("scheduler")]
    public async Task Compose_ServiceEnvironment_IsValidForTheApp(string name)
    {
        var environment = DeploymentFiles.Environment(DeploymentFiles.Service(Compose, name))
            .ToDictionary(e => e.Key, e => (string?)DeploymentFiles.Interpolate(e.Value, GoodVariables), StringComparer.Ordinal);
        foreach (var key in environment.Keys)
            KnownSetting(key).Should().BeTrue($"{name}: {key} is a setting ipsolis reads (docs/CONFIGURATION.md)");

        var directory = System.IO.Directory.CreateTempSubdirectory("ipsolis-deploy-").FullName;
        try
        {
            var (exitCode, process) = await IpSolisProcess.RunAsync(directory, environment, "config", "validate");
            exitCode.Should().Be(0, process.AllOutput);
            process.StandardOutput.Should().Contain("configuration valid");
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task EnvExample_NamesOnlyRealSettings_AndItsSecretsAreRefusedUntilReplaced()
    {
        var example = EnvExample();
        foreach (var key in example.Keys.Where(k => !ComposeOnly(k)))
            KnownSetting(key).Should().BeTrue($"{key} is a setting ipsolis reads (docs/CONFIGURATION.md)");
        example.Should().ContainKeys("API_SECRET_KEY", "POSTGRES_PASSWORD", "IPSOLIS_Network__TrustedProxies");

        var environment = example.Where(e => !ComposeOnly(e.Key) && e.Value.Length > 0)
            .ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["IPSOLIS_Database__AllowSqliteInProduction"] = "true";
        var directory = System.IO.Directory.CreateTempSubdirectory("ipsolis-deploy-").FullName;
        try
        {
            var (exitCode, process) = await IpSolisProcess.RunAsync(directory, environment, "config", "validate");
            exitCode.Should().Be(1, process.AllOutput);
            process.AllOutput.Should().Contain("API_SECRET_KEY: is an example value");
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TlsOverlay_PutsNginxInFrontOfTheHealthyApp_WithTheConfig()
    {
        var tls = DeploymentFiles.Compose("compose.tls.yaml");
        tls.Mapping("services").Keys().Should().BeEquivalentTo("nginx", "app");
        var nginx = DeploymentFiles.Service(tls, "nginx");
        nginx.Scalar("image").Should().MatchRegex(@"^nginx:\d+\.\d+$");
        nginx.Sequence("ports").Should().Contain(["80:80", "443:443"]);
        nginx.Sequence("volumes").Should().Contain(v => v.StartsWith("./nginx.conf:", StringComparison.Ordinal));
        Condition(nginx, "app").Should().Be("service_healthy");
        nginx.Mapping("healthcheck").Should().NotBeNull();

        var nginxConf = DeploymentFiles.Read("nginx.conf");
        nginxConf.Should().Contain("return 301 https://$host$request_uri;");
        nginxConf.Should().Contain("Strict-Transport-Security");
        nginxConf.Should().Contain("ssl_protocols TLSv1.2 TLSv1.3;");
        nginxConf.Should().Contain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
        nginxConf.Should().Contain("proxy_set_header X-Real-IP $remote_addr;");
        nginxConf.Should().Contain("proxy_set_header X-Forwarded-Proto $scheme;");
        nginxConf.Should().MatchRegex(@"client_max_body_size \d+m;");
        nginxConf.Should().MatchRegex(@"proxy_read_timeout \d+s;");
        nginxConf.Should().Contain("server ${IPSOLIS_UPSTREAM};");
        DeploymentFiles.Environment(nginx)["IPSOLIS_UPSTREAM"].Should().Be("app:8000");
    }

    [Fact]
    public void Dockerfile_BuildsOnTheSdk_RunsOnAspNetAsANonRootUser_WithAHealthCheck()
    {
        var dockerfile = DeploymentFiles.Read("Dockerfile");
        var lines = Regex.Replace(dockerfile, @"\\\r?\n\s*", " ").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        lines.Should().Contain(l => Regex.IsMatch(l, @"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$"));
        lines.Should().Contain(l => Regex.IsMatch(l, @"^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0\b"));
        lines.Should().Contain(l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal)
            && l.Contains("-c Release", StringComparison.Ordinal) && l.Contains("-r linux-x64", StringComparison.Ordinal));

        var user = lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal))[5..].Split(':')[0];
        user.Should().NotBe("root").And.NotBe("0");
        lines.Should().Contain(l => l.StartsWith("RUN groupadd", StringComparison.Ordinal) && l.Contains("useradd --system --uid", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal) && l.Contains("/livez", StringComparison.Ordinal));
        lines.Should().Contain("EXPOSE 8000");
        lines.Should().Contain(l => l.StartsWith("VOLUME ", StringComparison.Ordinal));
        dockerfile.Should().Contain("ASPNETCORE_ENVIRONMENT=Production").And.Contain("IPSOLIS_Urls=http://0.0.0.0:8000");
        lines.Should().Contain("ENTRYPOINT [\"dotnet\", \"/opt/ipsolis/ipsolis.dll\"]");

        // The restore layer copies every project the server needs, or the restore fails in the image.
        foreach (var project in System.IO.Directory.GetFiles(Path.Combine(DeploymentFiles.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(DeploymentFiles.RepositoryRoot, project).Replace('\\', '/');
            lines.Should().Contain(l => l.StartsWith($"COPY {relative} ", StringComparison.Ordinal), relative);
        }
    }

    [Fact]
    public void SystemdUnit_RunsAsItsOwnUser_MigratesFirst_AndIsHardened()
    {
        var unit = DeploymentFiles.Unit("ipsolis.service");
        unit.Keys.Should().Contain(["Unit", "Service", "Install"]);
        var service = unit["Service"];
        string One(string key) => service.Should().ContainKey(key).WhoseValue.Should().ContainSingle().Which;

        One("User").Should().Be("ipsolis");
        One("WorkingDirectory").Should().Be("/var/lib/ipsolis");
        One("EnvironmentFile").Should().Be("/etc/ipsolis/ipsolis.env");
        One("Restart").Should().Be("on-failure");
        One("ExecStart").Should().EndWith("/opt/ipsolis/ipsolis.dll serve");
        One("ExecStartPre").Should().EndWith("/opt/ipsolis/ipsolis.dll migrate");
        service["Environment"].Should().Contain("ASPNETCORE_ENVIRONMENT=Production");
        One("NoNewPrivileges").Should().Be("true");
        One("ProtectSystem").Should().Be("strict");
        One("ReadWritePaths").Should().Be("/var/lib/ipsolis", "the data directory is the only writable place");
        One("PrivateTmp").Should().Be("true");
        One("ProtectHome").Should().Be("true");
        service.Should().NotContainKey("MemoryDenyWriteExecute", "the .NET JIT writes executable code");
        unit["Install"]["WantedBy"].Should().Equal("multi-user.target");
    }

    private static string? Condition(YamlMappingNode service, string dependency) =>
        service.Mapping("depends_on")?.Mapping(dependency)?.Scalar("condition");

    private static Dictionary<string, string> EnvExample()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in DeploymentFiles.Read(".env.example").Split('\n'))
        {
            // Commented-out assignments ("# NAME=value") describe optional variables too.
            var line = raw.Trim().TrimStart('#').Trim();
            var match = Regex.Match(line, @"^(?<key>[A-Z][A-Za-z0-9_]*)=(?<value>\S*)$");
            if (match.Success)
                result.TryAdd(match.Groups["key"].Value, match.Groups["value"].Value);
        }

        return result;
    }

    /// <summary>Variables the compose files read themselves; the app never sees them.</summary>
    private static bool ComposeOnly(string key) =>
        key is "POSTGRES_PASSWORD" or "IPSOLIS_IMAGE" or "IPSOLIS_HTTP_PORT" or "IPSOLIS_SERVER_NAME" or "IPSOLIS_TLS_DIR"
            or "IPSOLIS_APP_ROLES" or "IPSOLIS_COMPOSE_TRUSTED_PROXIES";

    /// <summary>An environment variable ipsolis reads: a conventional name, ASPNETCORE_ENVIRONMENT, or IPSOLIS_ +
    /// a setting docs/CONFIGURATION.md names.</summary>
    private static bool KnownSetting(string key)
    {
        if (key is "DATABASE_URL" or "API_SECRET_KEY" or "ADMIN_API_KEY" or "CORS_ORIGINS" or "ASPNETCORE_ENVIRONMENT")
            return true;
        if (!key.StartsWith("IPSOLIS_", StringComparison.Ordinal))
            return false;
        var setting = key["IPSOLIS_".Length..].Replace("__", ":", StringComparison.Ordinal);
        if (setting.Equals("Urls", StringComparison.OrdinalIgnoreCase))
            return true;
        return File.ReadAllText(Path.Combine(DeploymentFiles.RepositoryRoot, "docs", "CONFIGURATION.md")).Contains($"`{setting}`", StringComparison.Ordinal);
    }
}
