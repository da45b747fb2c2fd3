using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.PersonDirectory;

/// <summary>Importing people into the local directory from CSV and LDIF, with a dry run first.</summary>
public sealed class DirectoryImportTests : IAsyncLifetime
{
    private static readonly AuditActor Actor = AuditActor.System("test");
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private DirectoryImport Import => _factory.Services.GetRequiredService<DirectoryImport>();

    private const string Csv = """
        email,name,username,manager,department,cost_center,title,active,groups
        boss@example.com,Bea Boss,bboss,,Executive,CC-1,CEO,true,all-staff
        emp@example.com,Emil Employee,emp,boss@example.com,Sales,CC-2,Seller,yes,all-staff;app-crm
        """;

    [Fact]
    public async Task DryRun_ReportsWhatWouldChange_AndWritesNothing()
    {
        var report = await Import.RunAsync(Actor, DirectoryImportFormat.Csv, Csv, dryRun: true, CancellationToken.None);

        report.Applied.Should().BeFalse();
        report.Added.Should().Be(2);
        report.GroupsCreated.Should().BeEquivalentTo("all-staff", "app-crm");
        await using var db = await DirectoryFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<DirectoryPerson>().CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Import_AddsPeopleGroupsAndMemberships_ThenASecondRunFindsThemUnchanged_AndUpdatesOnlyWhatChanged()
    {
        var first = await Import.RunAsync(Actor, DirectoryImportFormat.Csv, Csv, dryRun: false, CancellationToken.None);
        first.Applied.Should().BeTrue();

        var people = _factory.Services.GetRequiredService<IPersonDirectory>();
        (await people.FindPersonAsync("emp", CancellationToken.None))!.ManagerEmail.Should().Be("boss@example.com");
        (await people.IsMemberAsync("emp@example.com", "app-crm", CancellationToken.None)).Should().BeTrue();

        var again = await Import.RunAsync(Actor, DirectoryImportFormat.Csv, Csv.Replace("Seller", "Senior Seller"), dryRun: true, CancellationToken.None);
        again.Unchanged.Should().Be(1);
        again.Rows.Single(r => r.Action == DirectoryImportAction.Update).Message.Should().Contain("title");
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(a => a.Action == "directory.imported");
    }

    [Fact]
    public async Task AnyBadLine_StopsTheWholeImport_AndNamesTheLine()
    {
        const string csv = """
            email,name,manager
            ok@example.com,Okay Person,
            not-an-email,Broken,
            orphan@example.com,Orphan,nobody@example.com
            """;

        var report = await Import.RunAsync(Actor, DirectoryImportFormat.Csv, csv, dryRun: false, CancellationToken.None);

        report.Applied.Should().BeFalse();
        report.Rows.Where(r => r.Action == DirectoryImportAction.Error).Select(r => r.Line).Should().Equal(3, 4);
        await using var db = await DirectoryFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<DirectoryPerson>().CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Ldif_FromTheTestCompany_ImportsTwoHundredPeopleWithManagersAndGroups()
    {
        var ldif = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Directory", "Fixtures", "company.ldif"));

        // Two fixture uids hold LDAP metacharacters that local usernames do not allow: the dry run names them.
        var dryRun = await Import.RunAsync(Actor, DirectoryImportFormat.Ldif, ldif, dryRun: true, CancellationToken.None);
        dryRun.Rows.Where(r => r.Action == DirectoryImportAction.Error).Select(r => r.Email).Should().BeEquivalentTo("star*user@example.com", "comma,plus+user@example.com");

        var cleaned = ldif.Replace("uid: star*user\n", "", StringComparison.Ordinal).Replace("uid: comma,plus+user\n", "", StringComparison.Ordinal);
        var report = await Import.RunAsync(Actor, DirectoryImportFormat.Ldif, cleaned, dryRun: false, CancellationToken.None);

        report.Errors.Should().Be(0, string.Join("; ", report.Rows.Where(r => r.Message is not null).Select(r => r.Message)));
        report.Added.Should().Be(200);
        var people = _factory.Services.GetRequiredService<IPersonDirectory>();
        (await people.DirectReportsAsync("victoria.king@example.com", CancellationToken.None)).Should().HaveCount(5);
        (await people.IsMemberAsync("star*user@example.com", "team-sales-1", CancellationToken.None)).Should().BeTrue();
        (await people.FindPersonAsync("dora.disabled", CancellationToken.None))!.IsActive.Should().BeFalse();
    }
}
