using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Access;

/// <summary>
/// Two hosts on one database with one API_SECRET_KEY behave as one site: a session opened on one is valid on the
/// other, and a form (antiforgery token) rendered by one is accepted by the other, because sessions and the
/// data-protection key ring both live in the database. The key ring is stored sealed.
/// </summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private IpSolisFactory _first = null!;
    private IpSolisFactory _second = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var shared = new Dictionary<string, string?> { ["Security:ApiSecretKey"] = TestEnvironment.RandomSecret() };
        _first = await IpSolisFactory.CreateAsync(shared, database: _database);
        _ = _first.Server; // the first node migrates (SQLite) and starts before the second
        _second = await IpSolisFactory.CreateAsync(shared, database: _database);
        await AccessFixtures.AddUserAsync(_first, "root", AdminRole.Superadmin);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task ASessionAndAFormFromOneNode_WorkOnTheOther()
    {
        using var onFirst = ConsoleClient.For(_first);
        await onFirst.SignInAsync("root", AccessFixtures.Password);
        using var onSecond = onFirst.On(_second);

        (await onSecond.GetPageAsync("/ui/account")).Response.StatusCode.Should().Be(HttpStatusCode.OK);

        // The form comes from the first node; the second validates its antiforgery token.
        var (_, page) = await onFirst.GetPageAsync("/ui/admin-users");
        var form = ConsoleClient.FindForm(page, "create-user")!;
        var values = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.Type == "hidden")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        values.AddRange([new("Input.Username", "made.on.second"), new("Input.Role", "auditor"), new("Input.Password", AccessFixtures.Password)]);
        var (created, _) = await onSecond.PostAsync("/ui/admin-users", values);
        created.StatusCode.Should().Be(HttpStatusCode.OK);

        await using var db = await AccessFixtures.Contexts(_first).CreateDbContextAsync();
        (await db.Set<AdminUser>().AnyAsync(u => u.Username == "made.on.second")).Should().BeTrue();
        var keys = await db.Set<DataProtectionKey>().ToListAsync();
        keys.Should().NotBeEmpty();
        keys.Should().OnlyContain(k => k.Xml.Contains("ipsolisSealed", StringComparison.Ordinal) && !k.Xml.Contains("<masterKey", StringComparison.Ordinal),
            "the key material is sealed under API_SECRET_KEY");

        // Signing out on the second node ends the session for the first as well.
        var (signedOut, _) = await onSecond.SubmitAsync("/ui/account", "/ui/logout", new Dictionary<string, string>());
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var stale = ConsoleClient.For(_first);
        stale.Http.DefaultRequestHeaders.Add("Cookie", $"{AdminSessions.CookieName}={onFirst.SessionCookie}");
        (await stale.GetPageAsync("/ui/account")).Response.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
