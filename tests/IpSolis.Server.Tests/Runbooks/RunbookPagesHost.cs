using IpSolis.Domain.Access;
using IpSolis.Server.Features.Runbooks;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>
/// One host for the runbook page tests, with a console account per role that matters (superadmin, admin, auditor,
/// helpdesk). Tests keep out of each other's way by giving their runbooks unique names (<see cref="Unique"/>).
/// </summary>
public sealed class RunbookPagesHost : IAsyncLifetime
{
    public const string Root = "rb-root";
    public const string Ops = "rb-ops";
    public const string Auditor = "rb-audit";
    public const string Desk = "rb-desk";

    public RunbookHost Host { get; private set; } = null!;

    public IpSolisFactory Factory => Host.Orders.Factory;

    public async Task InitializeAsync()
    {
        Host = await RunbookHost.StartAsync();
        await AccessFixtures.AddUserAsync(Factory, Root, AdminRole.Superadmin);
        await AccessFixtures.AddUserAsync(Factory, Ops, AdminRole.Admin);
        await AccessFixtures.AddUserAsync(Factory, Auditor, AdminRole.Auditor);
        await AccessFixtures.AddUserAsync(Factory, Desk, AdminRole.Helpdesk);
    }

    public async Task DisposeAsync()
    {
        foreach (var console in _consoles.Values)
            console.Dispose();
        _signingIn.Dispose();
        await Host.DisposeAsync();
    }

    public static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    private readonly Dictionary<string, ConsoleClient> _consoles = [];
    private readonly SemaphoreSlim _signingIn = new(1, 1);

    /// <summary>A console signed in as <paramref name="username"/>, once per fixture: the sign-in rate limit would refuse one per test.</summary>
    public async Task<ConsoleClient> ConsoleAsync(string username)
    {
        await _signingIn.WaitAsync();
        try
        {
            if (!_consoles.TryGetValue(username, out var console))
            {
                console = ConsoleClient.For(Factory);
                await console.SignInAsync(username, AccessFixtures.Password);
                _consoles[username] = console;
            }

            return console;
        }
        finally
        {
            _signingIn.Release();
        }
    }

    public static object Step(string name, string module, object parameters, long? scriptModuleId = null) =>
        new { name, module, scriptModuleId, parameters, retries = 0, timeoutSeconds = 30 };

    /// <summary>A standalone runbook with the steps given (saved through the API, so they passed its checks).</summary>
    public Task<long> AddRunbookAsync(string name, params object[] steps) => Host.AddRunbookAsync(new { name = Unique(name), steps });

    public async Task<Runbook> RunbookAsync(long id)
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        return await db.Set<Runbook>().AsNoTracking().Include(r => r.Steps).SingleAsync(r => r.Id == id);
    }

    /// <summary>The step names in their saved order.</summary>
    public async Task<IReadOnlyList<string>> StepNamesAsync(long id) =>
        (await RunbookAsync(id)).Steps.OrderBy(s => s.Position).Select(s => s.Name).ToList();
}
