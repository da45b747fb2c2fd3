using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IpSolis.Browser.Tests.Infrastructure;

/// <summary>
/// The real ipsolis host on a real loopback port, with its own SQLite file and data directory, so a browser can
/// reach it. Program's <c>serve</c> path runs, so the database is migrated and this node records its heartbeat.
/// </summary>
public sealed class RunningServer : WebApplicationFactory<Program>
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("ipsolis-browser-").FullName;

    public RunningServer()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        // Kestrel may list [::1] as well; the browser and HttpClient only need one loopback address.
        var address = addresses.FirstOrDefault(a => a.Contains("127.0.0.1", StringComparison.Ordinal)) ?? addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    public Uri BaseAddress { get; }

    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    private readonly SemaphoreSlim _signingIn = new(1, 1);
    private string? _adminSession;

    /// <summary>The session cookie of an administrator signed in through the login page (created on first use).</summary>
    public async Task<string> AdminSessionAsync()
    {
        await _signingIn.WaitAsync();
        try
        {
            if (_adminSession is null)
            {
                var cookies = new CookieContainer();
                using var client = CreateBrowserlikeClient(cookies: cookies);
                _adminSession = await AdminSignIn.SignInAsync(client, cookies, BaseAddress);
            }

            return _adminSession;
        }
        finally
        {
            _signingIn.Release();
        }
    }

    /// <summary>A browser-like client that carries the administrator's session.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string? acceptLanguage = null)
    {
        var cookies = new CookieContainer();
        cookies.Add(BaseAddress, new Cookie(AdminSignIn.AdminSessionCookie, await AdminSessionAsync()));
        return CreateBrowserlikeClient(acceptLanguage, cookies);
    }

    /// <summary>A client of the real port that neither follows redirects nor forgets cookies.</summary>
    public HttpClient CreateBrowserlikeClient(string? acceptLanguage = null, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (acceptLanguage is not null)
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Security:ApiSecretKey", RandomSecret(48));
        builder.UseSetting("Database:SqlitePath", Path.Combine(_scratch, "ipsolis.db"));
        builder.UseSetting("Server:DataDirectory", Path.Combine(_scratch, "data"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        // SQLite keeps pooled connections open until the pool is cleared; then the files can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS's temp cleaner rather than failing the run.
        }
    }

    private static string RandomSecret(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
