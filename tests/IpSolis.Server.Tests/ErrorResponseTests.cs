using System.Net;
using System.Text.Json;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace IpSolis.Server.Tests;

public sealed class ErrorResponseTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() =>
        _factory = await IpSolisFactory.CreateAsync(services: s => s.AddTransient<IStartupFilter, ThrowingEndpoint>());

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task UnknownApiRoute_Is404ProblemJson()
    {
        using var response = await _factory.CreateClient().GetAsync("/api/v1/no-such-thing");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(404);
        problem.RootElement.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        problem.RootElement.GetProperty("correlationId").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task UnhandledException_Is500ProblemWithCorrelationId_AndNoStackTrace()
    {
        using var response = await _factory.CreateClient().GetAsync(ThrowingEndpoint.Path);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem.RootElement.GetProperty("correlationId").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
        body.Should().NotContain(ThrowingEndpoint.Secret).And.NotContain("at IpSolis").And.NotContain("StackTrace");
    }

    [Fact]
    public async Task UnhandledException_OnAPage_ShowsAnHtmlPageWithTheCorrelationId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ThrowingEndpoint.Path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await _factory.CreateClient().SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("Something went wrong").And.MatchRegex("<code>[0-9a-f]{32}</code>").And.NotContain(ThrowingEndpoint.Secret);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        using var response = await _factory.CreateClient().GetAsync("/livez");

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
    }

    /// <summary>A route that fails, added behind the product's pipeline, to see how the pipeline reports it.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public const string Path = "/test-only/explode";
        public const string Secret = "internal-detail-8c1f";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate _) => context.Request.Path == Path
                ? throw new InvalidOperationException(Secret)
                : Task.CompletedTask);
        };
    }
}
