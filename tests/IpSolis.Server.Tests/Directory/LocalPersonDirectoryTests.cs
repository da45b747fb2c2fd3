using IpSolis.Server.Features.Directory;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.PersonDirectory;

/// <summary>The local directory as ordering and approving see it, through the registered <see cref="IPersonDirectory"/>.</summary>
public sealed class LocalPersonDirectoryTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;
    private IPersonDirectory _directory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        _directory = _factory.Services.GetRequiredService<IPersonDirectory>();
        await DirectoryFixtures.AddPersonAsync(_factory, "carla.chef@example.com", "Carla Chef", username: "cchef");
        await DirectoryFixtures.AddPersonAsync(_factory, "anna.schmidt@example.com", "Anna Schmidt", username: "aschmidt", manager: "carla.chef@example.com");
        await DirectoryFixtures.AddPersonAsync(_factory, "ben.bauer@example.com", "Ben Bauer", manager: "carla.chef@example.com");
        await DirectoryFixtures.AddPersonAsync(_factory, "old.leaver@example.com", "Old Leaver", manager: "carla.chef@example.com", active: false);
        await DirectoryFixtures.AddPersonAsync(_factory, "orphan@example.com", "Orphan", manager: "gone@example.com");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task TheLocalDirectory_IsThePersonDirectoryByDefault()
    {
        _directory.Should().BeOfType<DirectoryInUse>();
        (await ((DirectoryInUse)_directory).SourceAsync(CancellationToken.None)).Should().Be(DirectorySource.Local);
    }

    [Theory]
    [InlineData("anna.schmidt@example.com")]
    [InlineData("  Anna.Schmidt@EXAMPLE.com ")]
    [InlineData("aschmidt")]
    [InlineData("ASchmidt")]
    public async Task FindPerson_ByEmailOrUsername_IgnoresCaseAndSpaces(string login)
    {
        var found = await _directory.FindPersonAsync(login, CancellationToken.None);

        found.Should().NotBeNull();
        found!.Email.Should().Be("anna.schmidt@example.com");
        found.DisplayName.Should().Be("Anna Schmidt");
        found.Username.Should().Be("aschmidt");
        found.ManagerEmail.Should().Be("carla.chef@example.com");
        found.IsActive.Should().BeTrue();
    }

    [Theory]
    [InlineData("nobody@example.com")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("%")]
    public async Task FindPerson_WhenUnknown_ReturnsNull(string login) =>
        (await _directory.FindPersonAsync(login, CancellationToken.None)).Should().BeNull();

    [Fact]
    public async Task FindPerson_ReturnsAnInactivePersonMarkedInactive()
    {
        var found = await _directory.FindPersonAsync("old.leaver@example.com", CancellationToken.None);

        found.Should().NotBeNull();
        found!.IsActive.Should().BeFalse();
    }

    [Fact]
    public async Task FindManager_ReturnsTheManager_OrNullWhenNoneOrUnknown()
    {
        (await _directory.FindManagerAsync("ANNA.SCHMIDT@example.com", CancellationToken.None))!.Email.Should().Be("carla.chef@example.com");
        (await _directory.FindManagerAsync("carla.chef@example.com", CancellationToken.None)).Should().BeNull("she has no manager");
        (await _directory.FindManagerAsync("orphan@example.com", CancellationToken.None)).Should().BeNull("the manager is not in the directory");
        (await _directory.FindManagerAsync("nobody@example.com", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task DirectReports_ListsThePeopleWhoseManagerItIs_ByName_InactiveIncluded()
    {
        var reports = await _directory.DirectReportsAsync("Carla.Chef@example.com", CancellationToken.None);

        reports.Select(r => r.DisplayName).Should().Equal("Anna Schmidt", "Ben Bauer", "Old Leaver");
        reports.Single(r => r.DisplayName == "Old Leaver").IsActive.Should().BeFalse();
        (await _directory.DirectReportsAsync("anna.schmidt@example.com", CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task IsMember_FollowsNestedGroups_AndIgnoresCaseInGroupNames()
    {
        var anna = await DirectoryFixtures.PersonAsync(_factory, "anna.schmidt@example.com");
        var engineering = await DirectoryFixtures.AddGroupAsync(_factory, "Engineering");
        var vdi = await DirectoryFixtures.AddGroupAsync(_factory, "VDI Users");
        var all = await DirectoryFixtures.AddGroupAsync(_factory, "All Staff");
        await DirectoryFixtures.AddGroupAsync(_factory, "Finance");
        await DirectoryFixtures.AddMemberAsync(_factory, engineering, person: anna);
        await DirectoryFixtures.AddMemberAsync(_factory, vdi, member: engineering);
        await DirectoryFixtures.AddMemberAsync(_factory, all, member: vdi);

        (await _directory.IsMemberAsync("anna.schmidt@example.com", "Engineering", CancellationToken.None)).Should().BeTrue("direct member");
        (await _directory.IsMemberAsync("ANNA.SCHMIDT@example.com", "vdi users", CancellationToken.None)).Should().BeTrue("through Engineering");
        (await _directory.IsMemberAsync("anna.schmidt@example.com", " ALL STAFF ", CancellationToken.None)).Should().BeTrue("two levels up");
        (await _directory.IsMemberAsync("anna.schmidt@example.com", "Finance", CancellationToken.None)).Should().BeFalse();
        (await _directory.IsMemberAsync("ben.bauer@example.com", "All Staff", CancellationToken.None)).Should().BeFalse("Ben is in no group");
        (await _directory.IsMemberAsync("anna.schmidt@example.com", "No Such Group", CancellationToken.None)).Should().BeFalse();
        (await _directory.IsMemberAsync("nobody@example.com", "Engineering", CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task IsMember_WithCyclicGroups_EndsAndAnswersCorrectly()
    {
        var ben = await DirectoryFixtures.PersonAsync(_factory, "ben.bauer@example.com");
        var a = await DirectoryFixtures.AddGroupAsync(_factory, "Cycle A");
        var b = await DirectoryFixtures.AddGroupAsync(_factory, "Cycle B");
        var c = await DirectoryFixtures.AddGroupAsync(_factory, "Cycle C");
        var outside = await DirectoryFixtures.AddGroupAsync(_factory, "Outside");
        await DirectoryFixtures.AddMemberAsync(_factory, a, person: ben);
        await DirectoryFixtures.AddMemberAsync(_factory, b, member: a);
        await DirectoryFixtures.AddMemberAsync(_factory, c, member: b);
        await DirectoryFixtures.AddMemberAsync(_factory, a, member: c);
        await DirectoryFixtures.AddMemberAsync(_factory, outside, member: c);

        var checks = Task.WhenAll(
            _directory.IsMemberAsync("ben.bauer@example.com", "Cycle C", CancellationToken.None),
            _directory.IsMemberAsync("ben.bauer@example.com", "Outside", CancellationToken.None),
            _directory.IsMemberAsync("anna.schmidt@example.com", "Cycle A", CancellationToken.None));
        var finished = await Task.WhenAny(checks, Task.Delay(TimeSpan.FromSeconds(30)));

        finished.Should().BeSameAs(checks, "a cycle must not make the expansion loop");
        (await checks).Should().Equal(true, true, false);
    }

    [Fact]
    public async Task IsMember_FollowsAtMostTenLevelsOfNesting()
    {
        var ben = await DirectoryFixtures.PersonAsync(_factory, "ben.bauer@example.com");
        var chain = new List<Features.Directory.DirectoryGroup>();
        for (var level = 0; level <= 11; level++)
            chain.Add(await DirectoryFixtures.AddGroupAsync(_factory, $"Level {level}"));
        await DirectoryFixtures.AddMemberAsync(_factory, chain[0], person: ben);
        for (var level = 1; level <= 11; level++)
            await DirectoryFixtures.AddMemberAsync(_factory, chain[level], member: chain[level - 1]);

        (await _directory.IsMemberAsync("ben.bauer@example.com", "Level 10", CancellationToken.None)).Should().BeTrue("ten levels above the person's own group");
        (await _directory.IsMemberAsync("ben.bauer@example.com", "Level 11", CancellationToken.None)).Should().BeFalse("deeper nesting is not followed");
    }
}
