using System.Net;
using System.Text.Json;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests;

public sealed class ApiDocumentTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        using var response = await _factory.CreateClient().GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        document.RootElement.GetProperty("info").GetProperty("title").GetString().Should().Be("ip·Solis API");
        document.RootElement.GetProperty("paths").TryGetProperty("/api/v1/version", out _).Should().BeTrue();
    }

    [Fact]
    public async Task DocsPage_IsServedByTheApp()
    {
        using var response = await _factory.CreateClient().GetAsync("/docs/index.html");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("swagger-ui-bundle.js").And.NotContain("https://");
    }

    [Fact]
    public async Task Version_AnswersVersionAndCommit()
    {
        using var response = await _factory.CreateClient().GetAsync("/api/v1/version");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        document.RootElement.GetProperty("version").GetString().Should().MatchRegex(@"^\d+\.\d+\.\d+");
        document.RootElement.GetProperty("commit").GetString().Should().NotBeNullOrEmpty();
    }
}
