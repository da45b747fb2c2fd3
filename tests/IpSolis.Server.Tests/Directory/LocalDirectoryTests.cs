using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.PersonDirectory;

/// <summary>Changes to the local directory: validated field by field, audited, and ending portal sessions where they must.</summary>
public sealed class LocalDirectoryTests : IAsyncLifetime
{
    private static readonly AuditActor Actor = AuditActor.System("test");
    private IpSolisFactory _factory = null!;
    private LocalDirectory _directory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        _directory = _factory.Services.GetRequiredService<LocalDirectory>();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task<int> PeopleCountAsync() => CountAsync<DirectoryPerson>();

    private async Task<int> CountAsync<T>() where T : class
    {
        await using var db = await DirectoryFixtures.Contexts(_factory).CreateDbContextAsync();
        return await db.Set<T>().CountAsync();
    }

    [Fact]
    public async Task AddPerson_StoresItLowerCased_AndAuditsIt()
    {
        var boss = await _directory.AddPersonAsync(Actor, new DirectoryEntry("Carla.Chef@Example.com", " Carla Chef "), CancellationToken.None);
        var added = await _directory.AddPersonAsync(Actor, new DirectoryEntry(" Anna.Schmidt@EXAMPLE.com", "Anna Schmidt")
        {
            Username = "ASchmidt",
            ManagerEmail = "CARLA.CHEF@example.com",
            Department = "Engineering",
            CostCenter = "CC-4100",
            Title = "Engineer",
        }, CancellationToken.None);

        boss.Succeeded.Should().BeTrue();
        added.Succeeded.Should().BeTrue(string.Join("; ", added.Errors.Select(e => e.Message)));
        var person = await DirectoryFixtures.PersonAsync(_factory, "anna.schmidt@example.com");
        person.Username.Should().Be("aschmidt");
        person.ManagerEmail.Should().Be("carla.chef@example.com");
        person.PasswordHash.Should().BeNull("a password is set on its own");
        (await DirectoryFixtures.PersonAsync(_factory, "carla.chef@example.com")).DisplayName.Should().Be("Carla Chef");
        (await AccessFixtures.AuditAsync(_factory)).Count(e => e.Action == "directory_person.created" && e.Actor == "system:test" && e.Classification == "pii")
            .Should().Be(2);
    }

    [Fact]
    public async Task AddPerson_WithBadFields_NamesEachField_AndWritesNothing()
    {
        var result = await _directory.AddPersonAsync(Actor, new DirectoryEntry("not-an-email", "")
        {
            Username = "has space",
            ManagerEmail = "nobody",
            Title = new string('x', 201),
        }, CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Field).Should().BeEquivalentTo("email", "displayName", "username", "managerEmail", "title");
        (await PeopleCountAsync()).Should().Be(0);
        (await AccessFixtures.AuditAsync(_factory)).Should().NotContain(e => e.Action.StartsWith("directory_person", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddPerson_WhenEmailOrUsernameTaken_OrManagerUnknown_IsRefused()
    {
        (await _directory.AddPersonAsync(Actor, new DirectoryEntry("anna@example.com", "Anna") { Username = "anna" }, CancellationToken.None)).Succeeded.Should().BeTrue();

        var sameEmail = await _directory.AddPersonAsync(Actor, new DirectoryEntry("ANNA@example.com", "Other Anna"), CancellationToken.None);
        var sameUsername = await _directory.AddPersonAsync(Actor, new DirectoryEntry("anna2@example.com", "Anna Two") { Username = "ANNA" }, CancellationToken.None);
        var unknownManager = await _directory.AddPersonAsync(Actor, new DirectoryEntry("ben@example.com", "Ben") { ManagerEmail = "ghost@example.com" }, CancellationToken.None);
        var ownManager = await _directory.AddPersonAsync(Actor, new DirectoryEntry("cleo@example.com", "Cleo") { ManagerEmail = "cleo@example.com" }, CancellationToken.None);

        sameEmail.Errors.Should().ContainSingle(e => e.Code == "directory_person.name_taken" && e.Field == "email");
        sameUsername.Errors.Should().ContainSingle(e => e.Code == "directory_person.name_taken" && e.Field == "username");
        unknownManager.Errors.Should().ContainSingle(e => e.Code == "directory_person.manager_not_in_directory" && e.Field == "managerEmail");
        ownManager.Errors.Should().ContainSingle(e => e.Field == "managerEmail");
        (await PeopleCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task UpdatePerson_WhenUnknown_IsNotFound() =>
        (await _directory.UpdatePersonAsync(Actor, new DirectoryEntry("ghost@example.com", "Ghost"), CancellationToken.None))
            .Errors.Should().ContainSingle(e => e.Code == "directory_person.not_found");

    [Fact]
    public async Task SetPassword_FollowsThePasswordPolicy_AndThePersonCanSignInWithIt()
    {
        await _directory.AddPersonAsync(Actor, new DirectoryEntry("anna@example.com", "Anna"), CancellationToken.None);

        var tooShort = await _directory.SetPasswordAsync(Actor, "anna@example.com", "short", CancellationToken.None);
        var unknown = await _directory.SetPasswordAsync(Actor, "ghost@example.com", "a long enough password", CancellationToken.None);
        var set = await _directory.SetPasswordAsync(Actor, "ANNA@example.com", "a long enough password", CancellationToken.None);

        tooShort.Errors.Should().ContainSingle(e => e.Field == "password");
        unknown.Errors.Should().ContainSingle(e => e.Code == "directory_person.not_found");
        set.Succeeded.Should().BeTrue();
        var hash = (await DirectoryFixtures.PersonAsync(_factory, "anna@example.com")).PasswordHash;
        hash.Should().StartWith("pbkdf2_sha256$600000$");
        (await _factory.Services.GetRequiredService<PasswordHashing>().VerifyAsync("a long enough password", hash!)).Should().Be(PasswordCheck.Correct);
        var audit = (await AccessFixtures.AuditAsync(_factory)).Single(e => e.Action == "directory_person.password_set");
        audit.NewValues.Should().NotContain("a long enough password");
    }

    [Fact]
    public async Task DeactivatingAPerson_OrSettingTheirPassword_EndsTheirPortalSessions()
    {
        await DirectoryFixtures.AddPersonAsync(_factory, "anna@example.com", "Anna");
        await DirectoryFixtures.AddPersonAsync(_factory, "ben@example.com", "Ben");
        await StartSessionAsync("anna@example.com");
        await StartSessionAsync("ben@example.com");

        var deactivated = await _directory.UpdatePersonAsync(Actor, new DirectoryEntry("anna@example.com", "Anna") { IsActive = false }, CancellationToken.None);
        await _directory.SetPasswordAsync(Actor, "ben@example.com", "a brand new password", CancellationToken.None);

        deactivated.Succeeded.Should().BeTrue();
        await using var db = await DirectoryFixtures.Contexts(_factory).CreateDbContextAsync();
        var sessions = await db.Set<PortalSession>().AsNoTracking().ToListAsync();
        sessions.Should().HaveCount(2).And.OnlyContain(s => s.EndedAt != null);
        sessions.Single(s => s.Email == "anna@example.com").EndReason.Should().Be("deactivated");
        sessions.Single(s => s.Email == "ben@example.com").EndReason.Should().Be("password_changed");
        (await DirectoryFixtures.PersonAsync(_factory, "anna@example.com")).IsActive.Should().BeFalse();
    }

    [Fact]
    public async Task Groups_AreUniqueIgnoringCase_AndMembershipsAreNotDuplicated()
    {
        await DirectoryFixtures.AddPersonAsync(_factory, "anna@example.com", "Anna");
        (await _directory.AddGroupAsync(Actor, " Engineering ", "Builders", CancellationToken.None)).Value.Name.Should().Be("Engineering");
        (await _directory.AddGroupAsync(Actor, "All Staff", null, CancellationToken.None)).Succeeded.Should().BeTrue();

        var duplicate = await _directory.AddGroupAsync(Actor, "ENGINEERING", null, CancellationToken.None);
        var blank = await _directory.AddGroupAsync(Actor, "  ", null, CancellationToken.None);
        var person = await _directory.AddPersonToGroupAsync(Actor, "engineering", "ANNA@example.com", CancellationToken.None);
        var again = await _directory.AddPersonToGroupAsync(Actor, "Engineering", "anna@example.com", CancellationToken.None);
        var nested = await _directory.AddGroupToGroupAsync(Actor, "All Staff", "Engineering", CancellationToken.None);
        var self = await _directory.AddGroupToGroupAsync(Actor, "All Staff", "all staff", CancellationToken.None);
        var noGroup = await _directory.AddPersonToGroupAsync(Actor, "Nope", "anna@example.com", CancellationToken.None);
        var noPerson = await _directory.AddPersonToGroupAsync(Actor, "Engineering", "ghost@example.com", CancellationToken.None);

        duplicate.Errors.Should().ContainSingle(e => e.Code == "directory_group.name_taken" && e.Field == "name");
        blank.Errors.Should().ContainSingle(e => e.Field == "name");
        person.Succeeded.Should().BeTrue();
        again.Errors.Should().ContainSingle(e => e.Code == "directory_membership.conflict");
        nested.Succeeded.Should().BeTrue();
        self.Errors.Should().ContainSingle(e => e.Field == "memberGroup");
        noGroup.Errors.Should().ContainSingle(e => e.Code == "directory_group.not_found");
        noPerson.Errors.Should().ContainSingle(e => e.Code == "directory_person.not_found");
        (await CountAsync<DirectoryMembership>()).Should().Be(2);
        (await _factory.Services.GetRequiredService<IPersonDirectory>().IsMemberAsync("anna@example.com", "All Staff", CancellationToken.None)).Should().BeTrue();
        (await AccessFixtures.AuditAsync(_factory)).Count(e => e.Action == "directory_group.member_added").Should().Be(2);
    }

    private async Task StartSessionAsync(string email)
    {
        var sessions = _factory.Services.GetRequiredService<PortalSessions>();
        await using var db = await DirectoryFixtures.Contexts(_factory).CreateDbContextAsync();
        sessions.Start(db, new PortalUser(email, email), PortalSessions.LocalMethod, new DefaultHttpContext(), "127.0.0.1");
        await db.SaveChangesAsync();
    }
}
