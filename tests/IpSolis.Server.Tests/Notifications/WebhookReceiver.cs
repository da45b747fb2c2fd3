using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace IpSolis.Server.Tests.Notifications;

/// <summary>
/// An HTTP server in the test that stands in for Teams and Slack: it records every JSON body posted to
/// <c>/teams</c> or <c>/slack</c>, answers as they do (202 and 200 "ok"), or fails the first N posts with a 500.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Channel, JsonElement Body)> _posts = new();
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { _failuresLeft = failFirst };
        app.MapPost("/{channel}", async (string channel, HttpRequest request) =>
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            receiver._posts.Enqueue((channel, document.RootElement.Clone()));
            if (Interlocked.Decrement(ref receiver._failuresLeft) >= 0)
                return Results.Text("upstream exploded", statusCode: 500);
            return channel == "teams" ? Results.StatusCode(202) : Results.Text("ok");
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public IReadOnlyList<JsonElement> Posts(string channel) => [.. _posts.Where(p => p.Channel == channel).Select(p => p.Body)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
