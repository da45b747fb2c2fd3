using IpSolis.Domain.Approvals;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Tests.Orders;
using IpSolis.Server.Tests.PersonDirectory;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Approvals;

/// <summary>
/// The manager is looked up before the placement transaction opens: a directory call (LDAP in production) never
/// holds SQLite's single writer, so other writers go on while the directory answers.
/// </summary>
public sealed class ManagerLookupTests : IAsyncLifetime
{
    private OrderHost _host = null!;
    private readonly List<bool> _writerFreeDuringLookup = [];

    public async Task InitializeAsync()
    {
        _host = await OrderHost.StartAsync(services: s => s.AddSingleton<IPersonDirectory>(sp =>
            new ProbingDirectory(sp.GetRequiredService<DirectoryInUse>(), sp.GetRequiredService<IDbContextFactory<IpSolisDbContext>>(), _writerFreeDuringLookup)));
        await DirectoryFixtures.AddPersonAsync(_host.Factory, "carla.manager@example.com", "Carla Manager");
        await DirectoryFixtures.AddPersonAsync(_host.Factory, "ann@example.com", "Ann", manager: "carla.manager@example.com");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Place_LooksTheManagerUpBeforeTheTransaction_SoAnotherWriterCanCommitMeanwhile()
    {
        var type = await _host.AddTypeAsync("Manager checked", t => t.Approval = new ApprovalSetup { RequiresManager = true });
        await _host.AddAssetsAsync(type.Id, 1, "MGRCHK");

        var orderId = await ApprovalFixtures.PlacePendingAsync(_host, type.Id);

        _writerFreeDuringLookup.Should().Equal([true], "the one look-up ran while no placement transaction held the writer");
        var row = (await ApprovalFixtures.RowsAsync(_host, orderId)).Should().ContainSingle().Subject;
        row.ApproverEmail.Should().Be("carla.manager@example.com");
        row.Source.Should().Be(ApprovalSource.Manager);
    }

    /// <summary>The real directory, but each manager look-up first tries to take the write lock itself (briefly).</summary>
    private sealed class ProbingDirectory(IPersonDirectory inner, IDbContextFactory<IpSolisDbContext> contexts, List<bool> probes) : IPersonDirectory
    {
        public Task<DirectoryEntry?> FindPersonAsync(string emailOrUsername, CancellationToken cancellationToken) => inner.FindPersonAsync(emailOrUsername, cancellationToken);

        public Task<bool> IsMemberAsync(string email, string group, CancellationToken cancellationToken) => inner.IsMemberAsync(email, group, cancellationToken);

        public Task<IReadOnlyList<DirectoryEntry>> DirectReportsAsync(string email, CancellationToken cancellationToken) => inner.DirectReportsAsync(email, cancellationToken);

        public async Task<DirectoryEntry?> FindManagerAsync(string email, CancellationToken cancellationToken)
        {
            bool free;
            try
            {
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await using var db = await contexts.CreateDbContextAsync(patience.Token);
                await using var transaction = await db.Database.BeginTransactionAsync(patience.Token);
                await transaction.CommitAsync(patience.Token);
                free = true;
            }
            catch (OperationCanceledException)
            {
                free = false;
            }

            lock (probes)
                probes.Add(free);
            return await inner.FindManagerAsync(email, cancellationToken);
        }
    }
}
