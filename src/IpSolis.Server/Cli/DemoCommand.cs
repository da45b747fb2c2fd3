using System.CommandLine;
using System.Security.Cryptography;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Cli;

/// <summary>
/// <c>ipsolis demo seed</c>: fills a fresh install with a small example company (local-directory people in four
/// departments with managers and nested groups, all sharing one printed password), a catalog of four asset types
/// covering the three assignment models, and their pool, so a newcomer can click through the portal at once.
/// Refuses to run in Production (a shared, printed password has no place there); a second run changes nothing.
/// </summary>
internal static class DemoCommand
{
    public const string SeededAction = "demo.seeded";

    private const string Company = "Example GmbH";
    private const string ManagementCostCenter = "CC-1000";
    private const string Domain = "example.com";

    // Letters and digits that cannot be misread for each other (no 0/o, 1/l/i).
    private const string PasswordAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static Command Create()
    {
        var seed = new Command("seed", "Fill a fresh install with an example company, catalog and pool to try the portal (refused in Production).");
        seed.SetAction((_, cancellationToken) => SeedAsync(cancellationToken));
        return new Command("demo", "Demo data for trying ip·Solis.") { seed };
    }

    private static async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        // Checked before the host is built too, so that a production server is refused before anything else is said.
        if (IsProduction(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")))
            return RefuseProduction();

        await using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;
        if (app.Environment.IsProduction())
            return RefuseProduction();

        var connection = app.Services.GetRequiredService<DatabaseConnection>();
        var migrations = app.Services.GetRequiredService<DatabaseMigrations>();
        try
        {
            if (connection.IsSqlite)
            {
                // As 'serve' does on a single embedded node: the file is created and brought up to date.
                await migrations.MigrateAsync(name => Console.WriteLine($"Applying migration {name} ..."), cancellationToken);
            }
            else if (await migrations.PendingAsync(cancellationToken) is { Count: > 0 } pending)
            {
                return CommandOutput.Fail(
                    $"the database schema is behind this version: {pending.Count} migration(s) pending. Run 'ipsolis migrate' first (with the same DATABASE_URL).");
            }

            return await SeedCompanyAsync(app.Services, connection, cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return CommandOutput.Fail($"cannot reach the database ({connection.Describe()}): {ex.GetBaseException().Message}");
        }
    }

    private static async Task<int> SeedCompanyAsync(IServiceProvider services, DatabaseConnection connection, CancellationToken cancellationToken)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        var time = services.GetRequiredService<TimeProvider>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Console.WriteLine($"Database: {connection.Describe()}");

        if (await db.Set<AuditEntry>().AnyAsync(e => e.Action == SeededAction, cancellationToken))
        {
            Console.WriteLine("The demo data is already seeded; nothing changed. (The demo password was shown when it was seeded.)");
            return CommandOutput.Success;
        }

        var existing = new[]
        {
            (Count: await db.Set<DirectoryPerson>().CountAsync(cancellationToken), What: "directory people"),
            (Count: await db.Set<DirectoryGroup>().CountAsync(cancellationToken), What: "directory groups"),
            (Count: await db.Set<AssetType>().CountAsync(cancellationToken), What: "asset types"),
            (Count: await db.Set<PoolAsset>().CountAsync(cancellationToken), What: "pool assets"),
        }.Where(e => e.Count > 0).ToList();
        if (existing.Count > 0)
        {
            return CommandOutput.Fail(
                $"this install is not fresh (it has {string.Join(", ", existing.Select(e => $"{e.Count} {e.What}"))}); "
                + "demo seed only fills an empty install, so nothing was changed.");
        }

        var types = CatalogDefinitions();
        foreach (var (definition, _) in types)
        {
            // The seed is held to the same rules as an operator's form: a type the rules refuse is a bug here.
            var check = AssetTypeRules.Check(definition);
            if (!check.Succeeded)
                throw new InvalidOperationException($"Demo asset type '{definition.Name}' is invalid: {string.Join("; ", check.Errors.Select(e => e.Message))}");
        }

        var password = NewPassword();
        Console.WriteLine("Hashing the demo password ...");
        var hash = await services.GetRequiredService<PasswordHashing>().HashAsync(password, cancellationToken);
        var now = time.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        Console.WriteLine($"Creating {Groups.Length} directory groups ...");
        var groups = Groups.ToDictionary(g => g.Name, g => new DirectoryGroup
        {
            Name = g.Name,
            NormalizedName = LocalDirectory.NormalizeGroupName(g.Name),
            Description = g.Description,
            CreatedAt = now,
        });
        db.AddRange(groups.Values);

        Console.WriteLine($"Creating {People.Length} people in {Departments.Length} departments ...");
        var people = People.Select((p, i) => new DirectoryPerson
        {
            Email = $"{p.Login}@{Domain}",
            Username = Username(p.Login),
            DisplayName = p.Name,
            ManagerEmail = p.Manager is null ? null : $"{p.Manager}@{Domain}",
            Department = p.Department,
            CostCenter = Departments.SingleOrDefault(d => d.Name == p.Department)?.CostCenter ?? ManagementCostCenter,
            Title = p.Title,
            Company = Company,
            EmployeeId = $"E{1001 + i}",
            IsActive = p.Active,
            PasswordHash = hash,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        db.AddRange(people);
        await db.SaveChangesAsync(cancellationToken);

        Console.WriteLine("Adding group memberships (All Staff nests the departments; VDI Users nests Engineering) ...");
        var byLogin = people.ToDictionary(p => p.Email[..p.Email.IndexOf('@')]);
        var memberships = new List<DirectoryMembership>();
        foreach (var person in People)
        {
            memberships.Add(new DirectoryMembership { GroupId = groups[person.Department].Id, PersonId = byLogin[person.Login].Id });
            if (person.Manager is null || People.Any(p => p.Manager == person.Login))
                memberships.Add(new DirectoryMembership { GroupId = groups["Management"].Id, PersonId = byLogin[person.Login].Id });
        }

        foreach (var department in Departments.Select(d => d.Name).Append("Management"))
            memberships.Add(new DirectoryMembership { GroupId = groups["All Staff"].Id, MemberGroupId = groups[department].Id });
        memberships.Add(new DirectoryMembership { GroupId = groups["VDI Users"].Id, MemberGroupId = groups["Engineering"].Id });
        foreach (var login in VdiUsersOutsideEngineering)
            memberships.Add(new DirectoryMembership { GroupId = groups["VDI Users"].Id, PersonId = byLogin[login].Id });
        db.AddRange(memberships.DistinctBy(m => (m.GroupId, m.PersonId, m.MemberGroupId)));
        await db.SaveChangesAsync(cancellationToken);

        Console.WriteLine($"Creating {types.Count} asset types ...");
        var typeRows = types.Select(t => (Entity: ToEntity(t.Definition, now), t.Assets)).ToList();
        db.AddRange(typeRows.Select(t => t.Entity));
        await db.SaveChangesAsync(cancellationToken);

        var assets = typeRows.SelectMany(t => t.Assets.Select(a => new PoolAsset
        {
            Name = a.Name,
            AssetTypeId = t.Entity.Id,
            Status = PoolAssetStatus.Free,
            StatusChangedAt = now,
            Notes = a.Notes,
            Metadata = a.Metadata,
            CreatedAt = now,
            UpdatedAt = now,
        })).ToList();
        Console.WriteLine($"Creating {assets.Count} pool assets ({string.Join(", ", typeRows.Where(t => t.Assets.Count > 0).Select(t => $"{t.Assets.Count} for {t.Entity.Name}"))}) ...");
        db.AddRange(assets);
        await db.SaveChangesAsync(cancellationToken);

        // A shared type points at its asset, and the asset belongs to the type: the link closes once both exist.
        // A new version, as every change of a type has: a running node's catalog snapshot notices by it.
        foreach (var (entity, _) in typeRows.Where(t => t.Entity.AssignmentModel == AssignmentModel.DedicatedShared))
        {
            entity.SharedAssetId = assets.Single(a => a.AssetTypeId == entity.Id).Id;
            entity.Version++;
        }

        services.GetRequiredService<IAuditTrail>().Record(db, AuditActor.System("demo_seed"), new AuditEvent(SeededAction, "demo",
            NewValues: new
            {
                people = people.Count,
                groups = groups.Count,
                assetTypes = typeRows.Select(t => t.Entity.Name).ToList(),
                poolAssets = assets.Count,
                password = AuditValues.Masked,
            }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return CommandOutput.Fail("another demo seed ran at the same time and got there first; nothing was changed by this one.");
        }

        var examples = await services.GetRequiredService<Features.Runbooks.RunbookSeed>().SeedAsync(AuditActor.System("demo_seed"), cancellationToken);
        Console.WriteLine($"Added {examples} example runbook modules, variables and runbooks.");
        var sample = people.Single(p => p.Email == $"anna.schmidt@{Domain}");
        Console.WriteLine();
        Console.WriteLine($"Seeded {people.Count} people, {groups.Count} groups, {typeRows.Count} asset types and {assets.Count} pool assets.");
        Console.WriteLine($"Demo password: {password}");
        Console.WriteLine("Every demo person has this password; it is shown only now.");
        Console.WriteLine($"Sign in at /portal/login as, for example, {sample.Email} (or the username '{sample.Username}').");
        return CommandOutput.Success;
    }

    private static int RefuseProduction() => CommandOutput.Fail(
        "demo seed does not run in the Production environment: it creates people who share a printed password. "
        + "Use it on a demo or test install (ASPNETCORE_ENVIRONMENT=Development, as 'dotnet run' sets).");

    private static bool IsProduction(string? environment) =>
        string.IsNullOrWhiteSpace(environment) || environment.Trim().Equals("Production", StringComparison.OrdinalIgnoreCase);

    /// <summary>Four groups of four characters from a 31-letter alphabet: about 79 bits, and easy to type.</summary>
    private static string NewPassword() =>
        string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(PasswordAlphabet, 4)));

    /// <summary>anna.schmidt → aschmidt, as many directories form sAMAccountNames.</summary>
    private static string Username(string login)
    {
        var dot = login.IndexOf('.');
        return dot < 0 ? login : login[0] + login[(dot + 1)..];
    }

    private static AssetType ToEntity(AssetTypeDefinition d, DateTimeOffset now) => new()
    {
        Name = d.Name,
        Description = d.Description,
        HelpText = d.HelpText,
        Category = d.Category,
        Icon = d.Icon,
        IsActive = d.IsActive,
        ShowOnDashboard = d.ShowOnDashboard,
        Attributes = d.Attributes,
        AssignmentModel = d.AssignmentModel,
        PoolCapacity = d.PoolCapacity,
        SharedAssetId = null,
        PersonalProvisioningStrategy = d.PersonalProvisioningStrategy,
        NamingPattern = d.NamingPattern,
        MaxPerUser = d.MaxPerUser,
        DefaultDurationDays = d.DefaultDurationDays,
        MaximumLifetimeDays = d.MaximumLifetimeDays,
        Renewable = d.Renewable,
        ReminderDays = d.ReminderDays,
        AutomationStrategy = d.AutomationStrategy,
        DeprovisionPolicy = d.DeprovisionPolicy,
        EligibleGroup = d.EligibleGroup,
        CollectJustification = d.CollectJustification,
        JustificationRequired = d.JustificationRequired,
        AllowRdpUsers = d.AllowRdpUsers,
        AllowAdminUsers = d.AllowAdminUsers,
        MonthlyCost = d.MonthlyCost,
        Currency = d.Currency,
        CostCenter = d.CostCenter,
        StepVisibility = d.StepVisibility,
        AccessUrl = d.AccessUrl,
        Approval = d.Approval,
        CreatedAt = now,
        UpdatedAt = now,
        Version = 1,
    };

    private sealed record DemoGroup(string Name, string Description);

    private sealed record DemoDepartment(string Name, string CostCenter);

    private sealed record DemoPerson(string Login, string Name, string Department, string Title, string? Manager, bool Active = true);

    private sealed record DemoAsset(string Name, string Notes, IReadOnlyDictionary<string, string> Metadata);

    private static readonly DemoDepartment[] Departments =
    [
        new("Engineering", "CC-4100"),
        new("Finance", "CC-2100"),
        new("Sales", "CC-3100"),
        new("People & Operations", "CC-5100"),
    ];

    private static readonly DemoGroup[] Groups =
    [
        new("All Staff", "Everyone at Example GmbH (the departments and management, nested)."),
        new("Management", "The managing director and the heads of department."),
        new("Engineering", "Software engineering and IT."),
        new("Finance", "Accounting, controlling and payroll."),
        new("Sales", "Sales and customer success."),
        new("People & Operations", "HR, office and the IT service desk."),
        new("VDI Users", "May order a virtual desktop: Engineering (nested) and named people from other departments."),
    ];

    // The managing director is in Management, not a department; the heads of department report to her.
    private static readonly DemoPerson[] People =
    [
        new("katharina.weber", "Katharina Weber", "Management", "Managing Director", null),

        new("thomas.mueller", "Thomas Müller", "Engineering", "Head of Engineering", "katharina.weber"),
        new("anna.schmidt", "Anna Schmidt", "Engineering", "Software Engineer", "thomas.mueller"),
        new("lukas.becker", "Lukas Becker", "Engineering", "Senior Software Engineer", "thomas.mueller"),
        new("sophie.wagner", "Sophie Wagner", "Engineering", "Software Engineer", "thomas.mueller"),
        new("jonas.hoffmann", "Jonas Hoffmann", "Engineering", "DevOps Engineer", "thomas.mueller"),
        new("lea.schaefer", "Lea Schäfer", "Engineering", "QA Engineer", "thomas.mueller"),
        new("felix.koch", "Felix Koch", "Engineering", "System Administrator", "thomas.mueller"),
        new("mia.richter", "Mia Richter", "Engineering", "UX Designer", "thomas.mueller"),
        new("paul.klein", "Paul Klein", "Engineering", "Working Student", "thomas.mueller"),

        new("sabine.wolf", "Sabine Wolf", "Finance", "Head of Finance", "katharina.weber"),
        new("markus.neumann", "Markus Neumann", "Finance", "Financial Controller", "sabine.wolf"),
        new("julia.schwarz", "Julia Schwarz", "Finance", "Accountant", "sabine.wolf"),
        new("daniel.zimmermann", "Daniel Zimmermann", "Finance", "Accountant", "sabine.wolf"),
        new("laura.braun", "Laura Braun", "Finance", "Payroll Specialist", "sabine.wolf"),
        new("tim.krueger", "Tim Krüger", "Finance", "Financial Analyst", "sabine.wolf"),

        new("michael.hofmann", "Michael Hofmann", "Sales", "Head of Sales", "katharina.weber"),
        new("hannah.lange", "Hannah Lange", "Sales", "Account Executive", "michael.hofmann"),
        new("jan.schmitt", "Jan Schmitt", "Sales", "Account Executive", "michael.hofmann"),
        new("emma.werner", "Emma Werner", "Sales", "Customer Success Manager", "michael.hofmann"),
        new("niklas.krause", "Niklas Krause", "Sales", "Sales Engineer", "michael.hofmann"),
        new("lena.meier", "Lena Meier", "Sales", "Inside Sales", "michael.hofmann"),
        new("david.lehmann", "David Lehmann", "Sales", "Sales Operations Analyst", "michael.hofmann"),

        new("claudia.schmid", "Claudia Schmid", "People & Operations", "Head of People & Operations", "katharina.weber"),
        new("stefan.schulz", "Stefan Schulz", "People & Operations", "IT Service Desk Lead", "claudia.schmid"),
        new("nina.maier", "Nina Maier", "People & Operations", "HR Business Partner", "claudia.schmid"),
        new("tobias.koehler", "Tobias Köhler", "People & Operations", "IT Service Desk", "claudia.schmid"),
        new("sarah.herrmann", "Sarah Herrmann", "People & Operations", "Recruiter", "claudia.schmid"),
        new("ben.koenig", "Ben König", "People & Operations", "Office Manager", "claudia.schmid"),
        // A leaver: still in the directory, but inactive, so the portal refuses her sign-in.
        new("clara.walter", "Clara Walter", "People & Operations", "HR Assistant", "claudia.schmid", Active: false),
    ];

    private static readonly string[] VdiUsersOutsideEngineering = ["markus.neumann", "tim.krueger", "stefan.schulz", "tobias.koehler"];

    /// <summary>The four demo types, each with its pool assets (the shared type's one asset is its jump host).</summary>
    private static List<(AssetTypeDefinition Definition, IReadOnlyList<DemoAsset> Assets)> CatalogDefinitions()
    {
        var vdi = new AssetTypeDefinition
        {
            Name = "Virtual desktop (VDI)",
            Description = "A personal Windows 11 virtual desktop from the Frankfurt pool, reachable from anywhere through the gateway.",
            HelpText = "Your desktop is assigned from a pool of 20 and is yours until the end date. "
                + "Extend it before it expires; when you return it, it is wiped and goes back to the pool.\n\n"
                + "Connect through the **Remote Desktop** app or in the browser.",
            Category = AssetCategory.PlatformAccess,
            Icon = "server",
            ShowOnDashboard = true,
            AssignmentModel = AssignmentModel.AssignedPersonal,
            PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree,
            AutomationStrategy = AutomationStrategy.RunbookOnly,
            DeprovisionPolicy = DeprovisionPolicy.ReturnToPool,
            MaxPerUser = 1,
            DefaultDurationDays = 30,
            MaximumLifetimeDays = 180,
            Renewable = true,
            ReminderDays = 7,
            EligibleGroup = "VDI Users",
            AllowRdpUsers = true,
            MonthlyCost = 45.00m,
            Currency = "EUR",
            CostCenter = "CC-4100",
            StepVisibility = StepVisibility.Detailed,
        };
        var erp = new AssetTypeDefinition
        {
            Name = "ERP access",
            Description = "Access to the company ERP system, granted through a directory group. 50 licences.",
            HelpText = "Choose the role you need. **Approver** is for people who release payments and purchase orders.",
            Category = AssetCategory.ApplicationAccess,
            Icon = "key",
            ShowOnDashboard = true,
            AssignmentModel = AssignmentModel.CapacityPooled,
            PoolCapacity = 50,
            AutomationStrategy = AutomationStrategy.GroupOnly,
            DeprovisionPolicy = DeprovisionPolicy.AccessOnly,
            MaxPerUser = 1,
            DefaultDurationDays = 90,
            MaximumLifetimeDays = 365,
            Renewable = true,
            ReminderDays = 14,
            EligibleGroup = "All Staff",
            CollectJustification = true,
            JustificationRequired = true,
            MonthlyCost = 12.50m,
            Currency = "EUR",
            CostCenter = "CC-2100",
            StepVisibility = StepVisibility.Detailed,
            // The demo shows approvals: every ERP order waits for the directory manager of the person it is for.
            Approval = new Domain.Approvals.ApprovalSetup { RequiresManager = true },
            Attributes =
            [
                new AttributeDefinition("role", "Role", AttributeType.Enum)
                {
                    Required = true,
                    DefaultValue = "Viewer",
                    Options = ["Viewer", "Editor", "Approver"],
                    HelpText = "What you may do in the ERP system.",
                },
                new AttributeDefinition("mobile_number", "Mobile number for sign-in codes", AttributeType.String)
                {
                    Required = true,
                    Classification = Classification.Pii,
                    Validation = new AttributeValidation(MinLength: 6, MaxLength: 20, Pattern: @"\+?[0-9 ]{6,20}")
                    {
                        PatternMessage = "Digits and spaces, optionally starting with +.",
                    },
                    HelpText = "The ERP system sends a code to this number at sign-in.",
                },
            ],
        };
        var laptop = new AssetTypeDefinition
        {
            Name = "Personal laptop",
            Description = "A ThinkPad T14 from the IT stock, yours for up to three years.",
            HelpText = "Pick it up at the IT service desk once your order is delivered. Returned laptops are reinstalled before anyone else gets them.",
            Category = AssetCategory.DeviceAccess,
            Icon = "devices",
            ShowOnDashboard = true,
            AssignmentModel = AssignmentModel.AssignedPersonal,
            PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree,
            AutomationStrategy = AutomationStrategy.RunbookOnly,
            DeprovisionPolicy = DeprovisionPolicy.ReturnToPoolReinstall,
            MaxPerUser = 1,
            DefaultDurationDays = 365,
            MaximumLifetimeDays = 1095,
            Renewable = true,
            ReminderDays = 30,
            MonthlyCost = 38.00m,
            Currency = "EUR",
            CostCenter = "CC-5100",
            StepVisibility = StepVisibility.Detailed,
        };
        var jump = new AssetTypeDefinition
        {
            Name = "Admin jump host",
            Description = "Access to the shared administration jump host for server maintenance.",
            HelpText = "Connect to `jump-01.example.com` with your own account. Access is logged.",
            Category = AssetCategory.InfrastructureAccess,
            Icon = "layers",
            AssignmentModel = AssignmentModel.DedicatedShared,
            // Placeholder for the rules only: the real id is known once the jump host is in the pool (see ToEntity).
            SharedAssetId = long.MaxValue,
            AutomationStrategy = AutomationStrategy.GroupOnly,
            DeprovisionPolicy = DeprovisionPolicy.AccessOnly,
            MaxPerUser = 1,
            DefaultDurationDays = 7,
            MaximumLifetimeDays = 30,
            Renewable = true,
            ReminderDays = 2,
            EligibleGroup = "Engineering",
            CollectJustification = true,
            AllowAdminUsers = true,
            AccessUrl = "https://jump-01.example.com",
            StepVisibility = StepVisibility.Detailed,
        };

        var vdis = Enumerable.Range(1, 20).Select(i => new DemoAsset($"VDI-{i:000}", "Windows 11, 4 vCPU, 16 GB",
            new Dictionary<string, string> { ["site"] = "Frankfurt", ["image"] = "win11-23h2" })).ToList();
        var laptops = Enumerable.Range(1, 10).Select(i => new DemoAsset($"LT-{i:00}", "ThinkPad T14 Gen 4",
            new Dictionary<string, string> { ["serial"] = $"PF4{i:000}X{(i * 7919) % 1000:000}", ["model"] = "ThinkPad T14 Gen 4" })).ToList();
        var jumpHost = new DemoAsset("JUMP-01", "Shared by every order of Admin jump host; orders never use it up.",
            new Dictionary<string, string> { ["fqdn"] = "jump-01.example.com" });
        return
        [
            (vdi, vdis),
            (erp, []),
            (laptop, laptops),
            (jump, [jumpHost]),
        ];
    }
}
