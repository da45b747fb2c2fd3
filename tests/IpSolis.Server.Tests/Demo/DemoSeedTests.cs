using System.Net;
using System.Text.RegularExpressions;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Demo;

/// <summary><c>ipsolis demo seed</c> through the real executable, on the provider under test.</summary>
public sealed partial class DemoSeedTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Dictionary<string, string?> Development()
    {
        var environment = _database.EnvironmentVariables();
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        return environment;
    }

    private Task<(int ExitCode, IpSolisProcess Process)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        IpSolisProcess.RunAsync(_database.Directory, environment, args);

    [Fact]
    public async Task Seed_FillsAFreshInstall_ThePrintedPasswordSignsIn_AndASecondRunChangesNothing()
    {
        if (_database.IsPostgres)
        {
            var (refused, refusedProcess) = await RunAsync(Development(), "demo", "seed");
            refused.Should().Be(1, refusedProcess.AllOutput);
            refusedProcess.StandardError.Should().ContainSingle().Which.Should().Contain("Run 'ipsolis migrate' first");
            (await RunAsync(Development(), "migrate")).ExitCode.Should().Be(0);
        }

        var (exitCode, process) = await RunAsync(Development(), "demo", "seed");

        exitCode.Should().Be(0, process.AllOutput);
        var output = process.StandardOutput;
        if (!_database.IsPostgres)
            output.Should().Contain(l => l.StartsWith("Applying migration ", StringComparison.Ordinal), "on SQLite it migrates as serve does");
        output.Should().Contain(l => l.StartsWith("Creating 30 people in 4 departments", StringComparison.Ordinal));
        output.Should().Contain(l => l.StartsWith("Creating 31 pool assets", StringComparison.Ordinal));
        var password = output.Select(l => DemoPasswordLine().Match(l)).Single(m => m.Success).Groups[1].Value;
        password.Length.Should().BeGreaterThanOrEqualTo(12);
        output.Count(l => l.Contains(password, StringComparison.Ordinal)).Should().Be(1, "the password is printed exactly once");

        var (again, againProcess) = await RunAsync(Development(), "demo", "seed");
        again.Should().Be(0, againProcess.AllOutput);
        againProcess.StandardOutput.Should().Contain(l => l.Contains("already seeded", StringComparison.Ordinal));
        againProcess.AllOutput.Should().NotContain(password).And.NotContain("Demo password:");

        await using var factory = await IpSolisFactory.CreateAsync(database: _database);
        await CheckCompanyAsync(factory);
        await CheckCatalogAsync(factory);
        (await AccessFixtures.AuditAsync(factory)).Should().ContainSingle(e => e.Action == "demo.seeded")
            .Which.NewValues.Should().NotContain(password);

        using var anna = ConsoleClient.For(factory);
        var (signedIn, page) = await anna.SubmitAsync("/portal/login", "portal-sign-in", new Dictionary<string, string>
        {
            ["Credentials.Login"] = "anna.schmidt@example.com",
            ["Credentials.Password"] = password,
        });
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, page.QuerySelector(".alert")?.TextContent);
        var (_, home) = await anna.GetPageAsync("/portal");
        home.QuerySelector(".portal-user-name")!.TextContent.Trim().Should().Be("Anna Schmidt");

        using var leaver = ConsoleClient.For(factory);
        var (refusedLeaver, _) = await leaver.SubmitAsync("/portal/login", "portal-sign-in", new Dictionary<string, string>
        {
            ["Credentials.Login"] = "clara.walter@example.com",
            ["Credentials.Password"] = password,
        });
        refusedLeaver.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the demo leaver is inactive");
    }

    [Fact]
    public async Task Seed_InProduction_IsRefused_AndTouchesNothing()
    {
        var production = _database.EnvironmentVariables();
        if (_database.IsPostgres)
            (await RunAsync(production, "migrate")).ExitCode.Should().Be(0);

        var (exitCode, process) = await RunAsync(production, "demo", "seed");

        exitCode.Should().Be(1, process.AllOutput);
        process.StandardError.Should().ContainSingle().Which.Should().Contain("does not run in the Production environment");
        process.StandardOutput.Should().BeEmpty();
        if (_database.IsPostgres)
        {
            await using var factory = await IpSolisFactory.CreateAsync(database: _database);
            await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
            (await db.Set<DirectoryPerson>().CountAsync()).Should().Be(0);
            (await db.Set<AuditEntry>().CountAsync(e => e.Action == "demo.seeded")).Should().Be(0);
        }
        else
        {
            File.Exists(_database.SqlitePath).Should().BeFalse("not even the database file is created");
        }
    }

    [Fact]
    public async Task Seed_OnAnInstallThatIsNotFresh_RefusesAndChangesNothing()
    {
        (await RunAsync(Development(), "migrate")).ExitCode.Should().Be(0);
        // The factory owns the database from here on (it drops it when disposed), so it lives to the end of the test.
        await using var factory = await IpSolisFactory.CreateAsync(database: _database);
        await PersonDirectory.DirectoryFixtures.AddPersonAsync(factory, "someone@corp.example", "Someone");

        var (exitCode, process) = await RunAsync(Development(), "demo", "seed");

        exitCode.Should().Be(1, process.AllOutput);
        process.StandardError.Should().ContainSingle().Which.Should().Contain("not fresh").And.Contain("1 directory people");
        process.AllOutput.Should().NotContain("Demo password:");
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        (await db.Set<DirectoryPerson>().CountAsync()).Should().Be(1);
        (await db.Set<AssetType>().CountAsync()).Should().Be(0);
    }

    private static async Task CheckCompanyAsync(IpSolisFactory factory)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var people = await db.Set<DirectoryPerson>().AsNoTracking().ToListAsync();
        people.Should().HaveCount(30);
        people.Should().OnlyContain(p => p.PasswordHash != null && p.Email.EndsWith("@example.com", StringComparison.Ordinal));
        people.Where(p => p.ManagerEmail == null).Should().ContainSingle().Which.Title.Should().Be("Managing Director");
        people.Select(p => p.Department).Where(d => d != "Management").Distinct().Should().HaveCount(4);
        people.Should().ContainSingle(p => !p.IsActive);
        (await db.Set<DirectoryGroup>().Select(g => g.Name).ToListAsync()).Should().Contain(["All Staff", "Engineering", "Finance", "VDI Users"]);

        var directory = factory.Services.GetRequiredService<IPersonDirectory>();
        (await directory.FindManagerAsync("anna.schmidt@example.com", CancellationToken.None))!.DisplayName.Should().Be("Thomas Müller");
        (await directory.FindManagerAsync("thomas.mueller@example.com", CancellationToken.None))!.Title.Should().Be("Managing Director");
        (await directory.DirectReportsAsync("thomas.mueller@example.com", CancellationToken.None)).Should().HaveCount(8);
        (await directory.IsMemberAsync("anna.schmidt@example.com", "VDI Users", CancellationToken.None)).Should().BeTrue("Engineering is nested in VDI Users");
        (await directory.IsMemberAsync("anna.schmidt@example.com", "All Staff", CancellationToken.None)).Should().BeTrue();
        (await directory.IsMemberAsync("hannah.lange@example.com", "VDI Users", CancellationToken.None)).Should().BeFalse();
        (await directory.IsMemberAsync("katharina.weber@example.com", "All Staff", CancellationToken.None)).Should().BeTrue("through Management");
    }

    private static async Task CheckCatalogAsync(IpSolisFactory factory)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var types = await db.Set<AssetType>().AsNoTracking().ToListAsync();
        var assets = await db.Set<PoolAsset>().AsNoTracking().ToListAsync();
        types.Should().HaveCount(4);
        foreach (var type in types)
        {
            AssetTypeRules.Check(Definition(type)).Errors.Should().BeEmpty($"'{type.Name}' must be a valid type");
            type.NormalizedName.Should().Be(type.Name.ToLowerInvariant());
        }

        var vdi = types.Single(t => t.AssignmentModel == AssignmentModel.AssignedPersonal && t.EligibleGroup == "VDI Users");
        vdi.PersonalProvisioningStrategy.Should().Be(PersonalProvisioningStrategy.AssignExistingFree);
        vdi.DeprovisionPolicy.Should().Be(DeprovisionPolicy.ReturnToPool);
        (vdi.DefaultDurationDays, vdi.MaximumLifetimeDays, vdi.ReminderDays).Should().Be((30, 180, 7));
        vdi.MonthlyCost.Should().BePositive();
        assets.Where(a => a.AssetTypeId == vdi.Id).Select(a => a.Name).Should().BeEquivalentTo(Enumerable.Range(1, 20).Select(i => $"VDI-{i:000}"));

        var app = types.Single(t => t.AssignmentModel == AssignmentModel.CapacityPooled);
        (app.PoolCapacity, app.AutomationStrategy, app.DeprovisionPolicy, app.JustificationRequired).Should().Be((50, AutomationStrategy.GroupOnly, DeprovisionPolicy.AccessOnly, true));
        app.Attributes.Should().Contain(a => a.Type == AttributeType.Enum && a.Label == "Role" && a.Options.Count >= 2);
        app.Attributes.Should().Contain(a => a.Type == AttributeType.String && a.Classification == Classification.Pii);
        app.Approval.RequiresManager.Should().BeTrue("the demo shows approvals: ERP access waits for the manager");
        types.Where(t => t.Id != app.Id).Should().OnlyContain(t => !t.Approval.RequiresManager && !t.Approval.RequiresOwners);

        var laptop = types.Single(t => t.AssignmentModel == AssignmentModel.AssignedPersonal && t.Id != vdi.Id);
        assets.Where(a => a.AssetTypeId == laptop.Id).Select(a => a.Name).Should().BeEquivalentTo(Enumerable.Range(1, 10).Select(i => $"LT-{i:00}"));

        var shared = types.Single(t => t.AssignmentModel == AssignmentModel.DedicatedShared);
        var jump = assets.Single(a => a.Id == shared.SharedAssetId);
        (jump.Name, jump.AssetTypeId).Should().Be(("JUMP-01", shared.Id));
        assets.Should().HaveCount(31).And.OnlyContain(a => a.Status == PoolAssetStatus.Free);
    }

    private static AssetTypeDefinition Definition(AssetType t) => new()
    {
        Name = t.Name, Description = t.Description, HelpText = t.HelpText, Category = t.Category, Icon = t.Icon, IsActive = t.IsActive,
        ShowOnDashboard = t.ShowOnDashboard, Attributes = t.Attributes, AssignmentModel = t.AssignmentModel, PoolCapacity = t.PoolCapacity,
        SharedAssetId = t.SharedAssetId, PersonalProvisioningStrategy = t.PersonalProvisioningStrategy, NamingPattern = t.NamingPattern,
        MaxPerUser = t.MaxPerUser, DefaultDurationDays = t.DefaultDurationDays, MaximumLifetimeDays = t.MaximumLifetimeDays, Renewable = t.Renewable,
        ReminderDays = t.ReminderDays, AutomationStrategy = t.AutomationStrategy, DeprovisionPolicy = t.DeprovisionPolicy, EligibleGroup = t.EligibleGroup,
        CollectJustification = t.CollectJustification, JustificationRequired = t.JustificationRequired, AllowRdpUsers = t.AllowRdpUsers,
        AllowAdminUsers = t.AllowAdminUsers, MonthlyCost = t.MonthlyCost, Currency = t.Currency, CostCenter = t.CostCenter,
        StepVisibility = t.StepVisibility, AccessUrl = t.AccessUrl,
    };

    [GeneratedRegex("^Demo password: (\\S+)$")]
    private static partial Regex DemoPasswordLine();
}
