using System.Text.Json;
using System.Text.RegularExpressions;
using IpSolis.Domain.Access;
using IpSolis.Server.Tests.Deployment;
using IpSolis.Server.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace IpSolis.Server.Tests.Observability;

/// <summary>
/// deploy/monitoring: the alert rules pass <c>promtool check rules</c>, the Grafana dashboard is valid JSON, and
/// every metric either of them queries is one the real <c>/metrics</c> lists.
/// </summary>
public sealed partial class MonitoringFilesTests
{
    private static string AlertsPath => Path.Combine(DeploymentFiles.DeployDirectory, "monitoring", "alerts.yml");

    private static string DashboardPath => Path.Combine(DeploymentFiles.DeployDirectory, "monitoring", "grafana-dashboard.json");

    [Fact]
    public async Task Alerts_PassPromtoolCheckRules()
    {
        var (exitCode, output) = await Promtool.RunAsync(["check", "rules", AlertsPath]);

        exitCode.Should().Be(0, output);
        output.Should().Contain("SUCCESS");
    }

    [Fact]
    public async Task DashboardAndAlerts_QueryOnlyMetricsTheExpositionLists()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(DashboardPath));
        var expressions = new List<string>();
        CollectExpressions(dashboard.RootElement, expressions);
        expressions.Should().HaveCountGreaterThan(20, "every panel queries something");
        var alerts = new YamlStream();
        using (var reader = new StringReader(await File.ReadAllTextAsync(AlertsPath)))
            alerts.Load(reader);
        var alertExpressions = alerts.Documents[0].AllNodes.OfType<YamlMappingNode>()
            .Select(n => n.Children.TryGetValue(new YamlScalarNode("expr"), out var expr) ? ((YamlScalarNode)expr).Value : null)
            .OfType<string>().ToList();
        alertExpressions.Should().HaveCountGreaterThan(5);

        await using var factory = await IpSolisFactory.CreateAsync();
        var admin = await AccessFixtures.AddUserAsync(factory, "monitoring-admin", AdminRole.Superadmin);
        var (_, token) = await AccessFixtures.AddTokenAsync(factory, admin, AdminRole.Auditor, ["metrics:read"]);
        var listed = MetricsScrapes.Names(await (await AccessFixtures.ApiClient(factory, token).GetAsync("/metrics")).Content.ReadAsStringAsync());

        var queried = expressions.Concat(alertExpressions)
            .SelectMany(e => MetricName().Matches(e).Select(m => m.Value))
            .Distinct(StringComparer.Ordinal).ToList();
        queried.Should().Contain("ipsolis_http_server_request_duration_seconds_bucket");
        queried.Where(name => !listed.Contains(name)).Should().BeEmpty("every queried metric must be on /metrics");
    }

    private static void CollectExpressions(JsonElement element, List<string> expressions)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                        expressions.Add(property.Value.GetString()!);
                    else
                        CollectExpressions(property.Value, expressions);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    CollectExpressions(item, expressions);
                break;
        }
    }

    [GeneratedRegex(@"(?<![\w$])(ipsolis|dotnet|db_client)_[a-zA-Z0-9_]+")]
    private static partial Regex MetricName();
}
