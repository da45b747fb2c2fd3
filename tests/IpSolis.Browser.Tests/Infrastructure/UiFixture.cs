namespace IpSolis.Browser.Tests.Infrastructure;

/// <summary>One running server and one browser for every test in the <see cref="UiCollection"/>: both are slow to start.</summary>
public sealed class UiFixture : IAsyncLifetime
{
    private BrowserSession? _browser;

    public RunningServer Server { get; } = new();

    public BrowserSession Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        await Server.DisposeAsync();
    }
}
