using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IpSolis.Domain.Access;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Access;

/// <summary>
/// Rules every endpoint of the app follows, whoever adds it: a state-changing endpoint either validates an
/// antiforgery token or lives under <c>/api</c> (where the console cookie never authenticates a write), and no GET
/// changes data (each is called as anonymous, superadmin session and legacy key, and the database must be unchanged).
/// </summary>
public sealed partial class EndpointConventionTests : IAsyncLifetime
{
    private const string LegacyKey = "legacy-admin-key-for-tests-0123456789abcdef";
    private static readonly string[] StateChangingMethods = ["POST", "PUT", "PATCH", "DELETE"];

    // Written by the node itself, not by requests: the heartbeat, the key ring created on first antiforgery use, the
    // scheduler's leader lease, its schedules' next ticks and the recurring jobs it fires (expiry, reminders, ...).
    private static readonly HashSet<string> BackgroundTables =
        ["cluster_nodes", "data_protection_keys", "job_leaders", "job_schedules", "jobs", "job_attempts", "__EFMigrationsHistory", "__ef_migrations_history"];

    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Security:AdminApiKey"] = LegacyKey });
        await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IReadOnlyList<RouteEndpoint> Endpoints()
    {
        _ = _factory.Server; // builds the host
        return _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    private static IReadOnlyList<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? ["GET", "POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public void EveryStateChangingEndpoint_RequiresAntiforgery_OrIsApiOnly()
    {
        var endpoints = Endpoints();
        endpoints.Should().Contain(e => e.RoutePattern.RawText == "/ui/logout", "the test must see the real endpoint list");

        var offenders = endpoints
            .Where(e => Methods(e).Intersect(StateChangingMethods).Any())
            .Where(e => !IsApi(e) && e.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: true })
            .Select(e => $"{string.Join(",", Methods(e))} {e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();

        offenders.Should().BeEmpty("a state change outside /api must validate an antiforgery token");
    }

    [Fact]
    public async Task APostWithoutAntiforgeryToken_IsRefused_OnPagesAndFormActions()
    {
        using var browser = ConsoleClient.For(_factory);
        await browser.SignInAsync("root", AccessFixtures.Password);

        var (page, _) = await browser.PostAsync("/ui/admin-users", [new("_handler", "create-user"), new("Input.Username", "csrf.victim"), new("Input.Password", AccessFixtures.Password)]);
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (action, _) = await browser.PostAsync("/ui/api-tokens/purge", [new("olderThanDays", "1")]);
        action.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (logout, _) = await browser.PostAsync("/ui/logout", []);
        logout.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await browser.GetPageAsync("/ui/account")).Response.StatusCode.Should().Be(HttpStatusCode.OK, "the forged sign-out did nothing");
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<Platform.Security.AdminUser>().AnyAsync(u => u.Username == "csrf.victim")).Should().BeFalse();
    }

    [Fact]
    public async Task NoGetEndpoint_ChangesData()
    {
        var gets = Endpoints().Where(e => Methods(e).Contains("GET")).ToList();
        gets.Should().NotBeEmpty();
        using var anonymous = ConsoleClient.For(_factory);
        using var superadmin = ConsoleClient.For(_factory);
        await superadmin.SignInAsync("root", AccessFixtures.Password);
        using var keyed = AccessFixtures.ApiClient(_factory);
        keyed.DefaultRequestHeaders.Add("X-Admin-Key", LegacyKey);
        // Warm up what a first request legitimately creates (the key ring), then take the snapshot.
        await superadmin.GetPageAsync("/ui/account");
        var before = await SnapshotAsync();

        var called = new List<string>();
        foreach (var endpoint in gets)
        {
            var path = Concrete(endpoint.RoutePattern.RawText ?? "/");
            called.Add(path);
            using var asAnonymous = await anonymous.Http.GetAsync(path);
            using var asSuperadmin = await superadmin.Http.GetAsync(path);
            using var asKey = await keyed.GetAsync(path);
        }

        var after = await SnapshotAsync();
        foreach (var (table, hash) in before)
            after[table].Should().Be(hash, $"table {table} must not change on GET (called: {string.Join(", ", called)})");
    }

    private static bool IsApi(RouteEndpoint endpoint) =>
        (endpoint.RoutePattern.RawText ?? "").StartsWith("/api/", StringComparison.Ordinal);

    private static string Concrete(string pattern)
    {
        var path = RouteParameter().Replace(pattern, match => match.Value.Contains("int", StringComparison.Ordinal) || match.Value.Contains("long", StringComparison.Ordinal) ? "1" : "x");
        return path.StartsWith('/') ? path : "/" + path;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>A hash of every row of every table (but the node's own background tables).</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).Where(t => t is not null && !BackgroundTables.Contains(t)).Distinct().ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var result = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            result[table!] = await HashRowsAsync(reader);
        }

        return result;
    }

    private static async Task<string> HashRowsAsync(DbDataReader reader)
    {
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
                cells[i] = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            rows.Add(string.Join("|", cells));
        }

        rows.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))));
    }
}
