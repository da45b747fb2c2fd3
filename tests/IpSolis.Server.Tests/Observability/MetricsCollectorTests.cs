using System.Diagnostics.Metrics;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Observability.Metrics;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Tests.Observability;

/// <summary>The collector and the text format on their own: names, units, types, escaping.</summary>
public sealed class MetricsCollectorTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MetricsCollector _collector;

    public MetricsCollectorTests() => _collector = new MetricsCollector(Meters);

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public void Dispose()
    {
        _collector.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Scrape_RouteTemplateWithQuotesAndBackslashes_IsEscapedAndPassesPromtool()
    {
        var admission = new RequestAdmission(Options.Create(new LoadSheddingOptions()), new SqliteWriteGate(TimeSpan.FromSeconds(1)), TimeProvider.System);
        var http = new HttpMetrics(Meters, admission);
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/files/say \"hi\"/back\\slash/{id}"), 0, null, "odd route"));

        http.RequestFinished(context, 200, TimeSpan.FromMilliseconds(30));
        var text = _collector.Scrape();

        text.Should().Contain("ipsolis_http_server_request_duration_seconds_count{method=\"GET\",route=\"/files/say \\\"hi\\\"/back\\\\slash/{id}\",status=\"200\"} 1\n");
        var (exitCode, output) = await Promtool.RunAsync(["check", "metrics"], text);
        exitCode.Should().Be(0, output);
    }

    [Fact]
    public void Scrape_LineFeedInALabelValue_IsEscaped()
    {
        using var meter = Meters.Create("IpSolis.Test");
        meter.CreateCounter<long>("ipsolis.test.events", "{event}", "Test events.").Add(2, new KeyValuePair<string, object?>("note", "line one\nline two"));

        var text = _collector.Scrape();

        text.Should().Contain("ipsolis_test_events_total{note=\"line one\\nline two\"} 2\n");
    }

    [Fact]
    public void Scrape_NamesCarryTheirUnitAndType_AndMillisecondsBecomeSeconds()
    {
        using var meter = Meters.Create("IpSolis.Test");
        meter.CreateHistogram<double>("ipsolis.test.wait", "ms", "Test waits.").Record(250);
        meter.CreateUpDownCounter<int>("ipsolis.test.open", "{item}", "Open items.").Add(3);
        meter.CreateObservableGauge("ipsolis.test.size", () => 1024L, "By", "A size.");

        var text = _collector.Scrape();

        text.Should().Contain("# HELP ipsolis_test_wait_seconds Test waits.\n# TYPE ipsolis_test_wait_seconds histogram\n");
        text.Should().Contain("ipsolis_test_wait_seconds_bucket{le=\"0.25\"} 1\n");
        text.Should().Contain("ipsolis_test_wait_seconds_bucket{le=\"0.1\"} 0\n");
        text.Should().Contain("ipsolis_test_wait_seconds_sum 0.25\n");
        text.Should().Contain("# TYPE ipsolis_test_open gauge\nipsolis_test_open 3\n");
        text.Should().Contain("# TYPE ipsolis_test_size_bytes gauge\nipsolis_test_size_bytes 1024\n");
    }

    [Fact]
    public void Scrape_IgnoresOurMetersOfAnotherHost()
    {
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var meter = otherHost.GetRequiredService<IMeterFactory>().Create("IpSolis.Test");
        meter.CreateCounter<long>("ipsolis.test.elsewhere").Add(1);

        _collector.Scrape().Should().NotContain("ipsolis_test_elsewhere");
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.25, "0.25")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Value_IsWrittenAsPrometheusExpects(double value, string expected) => PrometheusText.Value(value).Should().Be(expected);
}
