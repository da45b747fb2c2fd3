using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.PersonDirectory;

/// <summary>The local directory's console pages: people, groups and import, read by helpdesk, changed by admins.</summary>
public sealed class DirectoryPagesTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        await AccessFixtures.AddUserAsync(_factory, "ops", AdminRole.Admin);
        await AccessFixtures.AddUserAsync(_factory, "desk", AdminRole.Helpdesk);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<ConsoleClient> SignedInAsync(string username)
    {
        var console = ConsoleClient.For(_factory);
        await console.SignInAsync(username, AccessFixtures.Password);
        return console;
    }

    [Fact]
    public async Task People_StartsEmpty_AnAdminAddsAPerson_WithPostRedirectGet_AndMarkupIsEscaped()
    {
        using var console = await SignedInAsync("ops");
        var (_, empty) = await console.GetPageAsync("/ui/directory");
        empty.QuerySelector(".empty-state-title")!.TextContent.Should().Contain("No people");

        var (added, _) = await console.SubmitAsync("/ui/directory", "directory-add-person", new Dictionary<string, string>
        {
            ["Person.Email"] = "Ada@Example.com",
            ["Person.DisplayName"] = "<script>alert(1)</script> Ada",
            ["Person.CostCenter"] = "CC-42",
        });

        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(added).Should().Be("/ui/directory?done=added");
        var (_, page) = await console.GetPageAsync("/ui/directory?q=ada");
        var row = page.QuerySelector("tr[data-email='ada@example.com']")!;
        row.TextContent.Should().Contain("<script>alert(1)</script> Ada").And.Contain("CC-42");
        row.QuerySelector("script").Should().BeNull();
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(a => a.Action == "directory_person.created");
    }

    [Fact]
    public async Task People_ABadEmail_IsRefusedWithTheFieldNamed()
    {
        using var console = await SignedInAsync("ops");

        var (response, page) = await console.SubmitAsync("/ui/directory", "directory-add-person", new Dictionary<string, string>
        {
            ["Person.Email"] = "not-an-email",
            ["Person.DisplayName"] = "Someone",
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.QuerySelector("#person-email-error")!.TextContent.Should().Contain("valid email");
    }

    [Fact]
    public async Task Helpdesk_ReadsTheDirectory_ButSeesNoFormsAndCannotImport()
    {
        using var console = await SignedInAsync("desk");

        var (people, page) = await console.GetPageAsync("/ui/directory");
        var (groups, groupsPage) = await console.GetPageAsync("/ui/directory/groups");
        var (import, _) = await console.GetPageAsync("/ui/directory/import");

        people.StatusCode.Should().Be(HttpStatusCode.OK);
        ConsoleClient.FindForm(page, "directory-add-person").Should().BeNull();
        groups.StatusCode.Should().Be(HttpStatusCode.OK);
        ConsoleClient.FindForm(groupsPage, "directory-create-group").Should().BeNull();
        import.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Groups_AnAdminCreatesAGroup_AddsAndRemovesAMember()
    {
        await DirectoryFixtures.AddPersonAsync(_factory, "ben@example.com", "Ben");
        using var console = await SignedInAsync("ops");

        (await console.SubmitAsync("/ui/directory/groups", "directory-create-group", new Dictionary<string, string> { ["NewGroup.Name"] = "VDI users" }))
            .Response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await console.SubmitAsync("/ui/directory/groups", "directory-add-member", new Dictionary<string, string> { ["Member.Group"] = "VDI users", ["Member.Email"] = "ben@example.com" }))
            .Response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, page) = await console.GetPageAsync("/ui/directory/groups");
        page.QuerySelector("li[data-member='ben@example.com']").Should().NotBeNull();
        var removeForm = page.QuerySelector("li[data-member='ben@example.com'] input[name='_handler']")!.GetAttribute("value")!;

        var (removed, _) = await console.SubmitAsync("/ui/directory/groups", removeForm, new Dictionary<string, string> { ["confirm"] = "remove" });

        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await console.GetPageAsync("/ui/directory/groups")).Page.QuerySelector("li[data-member='ben@example.com']").Should().BeNull();
        (await AccessFixtures.AuditAsync(_factory)).Select(a => a.Action).Should().Contain(["directory_group.created", "directory_group.member_added", "directory_group.member_removed"]);
    }

    [Fact]
    public async Task Person_AnAdminDeactivatesAndSetsAPassword_HelpdeskOnlyReads()
    {
        await DirectoryFixtures.AddPersonAsync(_factory, "cleo@example.com", "Cleo", withPassword: false);
        using var console = await SignedInAsync("ops");
        const string path = "/ui/directory/person?email=cleo%40example.com";

        var (saved, _) = await console.SubmitAsync(path, "directory-edit-person", new Dictionary<string, string>
        {
            ["Edit.DisplayName"] = "Cleo Meyer", ["Edit.CostCenter"] = "CC-7",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (weak, weakPage) = await console.SubmitAsync(path, "directory-set-password", new Dictionary<string, string> { ["Password.Value"] = "short" });
        weak.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        weakPage.QuerySelector("#new-password-error").Should().NotBeNull();
        (await console.SubmitAsync(path, "directory-set-password", new Dictionary<string, string> { ["Password.Value"] = DirectoryFixtures.Password }))
            .Response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var person = await DirectoryFixtures.PersonAsync(_factory, "cleo@example.com");
        person.DisplayName.Should().Be("Cleo Meyer");
        person.CostCenter.Should().Be("CC-7");
        person.IsActive.Should().BeFalse("the Active box was not ticked");
        person.PasswordHash.Should().NotBeNull();
        (await AccessFixtures.AuditAsync(_factory)).Select(a => a.Action).Should().Contain(["directory_person.updated", "directory_person.password_set"]);

        using var desk = await SignedInAsync("desk");
        var (read, readPage) = await desk.GetPageAsync(path);
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        ConsoleClient.FindForm(readPage, "directory-edit-person").Should().BeNull();
        readPage.QuerySelector("dl.details")!.TextContent.Should().Contain("CC-7");
    }

    [Fact]
    public async Task Import_DryRunShowsTheReport_ThenImportWrites()
    {
        using var console = await SignedInAsync("ops");
        const string csv = "email,name,groups\nzoe@example.com,Zoe,staff\n";

        var (dry, dryPage) = await console.SubmitAsync("/ui/directory/import", "directory-import", new Dictionary<string, string>
        {
            ["Upload.Format"] = "csv", ["Upload.Content"] = csv, ["Upload.Mode"] = "dry-run",
        });
        dry.StatusCode.Should().Be(HttpStatusCode.OK);
        dryPage.QuerySelector(".alert")!.TextContent.Should().Contain("Dry run").And.Contain("1 to add");
        (await console.GetPageAsync("/ui/directory")).Page.QuerySelector("tr[data-email='zoe@example.com']").Should().BeNull();

        var (_, importPage) = await console.SubmitAsync("/ui/directory/import", "directory-import", new Dictionary<string, string>
        {
            ["Upload.Format"] = "csv", ["Upload.Content"] = csv, ["Upload.Mode"] = "import",
        });
        importPage.QuerySelector(".alert")!.TextContent.Should().Contain("Imported");
        (await console.GetPageAsync("/ui/directory")).Page.QuerySelector("tr[data-email='zoe@example.com']").Should().NotBeNull();
    }
}
