using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Features.Portal.Oidc;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Oidc;

/// <summary>The Portal sign-in settings page: providers are added and changed there, their secret is sealed and never
/// shown again, the methods setting refuses nonsense, and every change is audited without the secret.</summary>
public sealed class OidcProviderSettingsPageTests : IAsyncLifetime
{
    private const string Path = "/ui/settings/portal-sign-in";
    private const string Secret = "s3cr3t-client-secret-value-0123456789";
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        await AccessFixtures.AddUserAsync(_factory, "helper", AdminRole.Admin);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AddingAProvider_SealsTheSecret_NeverShowsItAgain_AndAuditsItMasked()
    {
        using var browser = ConsoleClient.For(_factory);
        await browser.SignInAsync("root", AccessFixtures.Password);

        var (response, _) = await browser.SubmitAsync(Path, "oidc-provider", new Dictionary<string, string>
        {
            ["Input.Id"] = "entra",
            ["Input.DisplayName"] = "Contoso <Entra>",
            ["Input.Issuer"] = "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0/",
            ["Input.ClientId"] = "client-123",
            ["Input.ClientSecret"] = Secret,
            ["Input.AllowedDomains"] = "contoso.com",
            ["Input.Enabled"] = "true",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(response).Should().Be(Path + "?done=provider-saved&edit=entra");
        var (page, html) = await browser.GetPageAsync(Path + "?edit=entra");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var raw = html.DocumentElement.OuterHtml;
        raw.Should().NotContain(Secret);
        raw.Should().Contain("Contoso &lt;Entra&gt;");
        html.QuerySelector("#oidc-client-secret")!.GetAttribute("value").Should().BeNull();
        html.QuerySelector("#oidc-issuer")!.GetAttribute("value").Should().Be("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0");

        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        var stored = await db.Set<OidcProvider>().AsNoTracking().SingleAsync();
        stored.ClientSecretSealed.Should().StartWith("enc:v1:").And.NotContain(Secret);
        _factory.Services.GetRequiredService<OidcProviders>().Connect(stored)!.ClientSecret.Should().Be(Secret);
        var audit = (await AccessFixtures.AuditAsync(_factory)).Single(e => e.Action == "portal.oidc_provider.created");
        audit.NewValues.Should().Contain("***").And.NotContain(Secret);
    }

    [Fact]
    public async Task SavingWithABlankSecret_KeepsTheStoredOne()
    {
        using var browser = ConsoleClient.For(_factory);
        await browser.SignInAsync("root", AccessFixtures.Password);
        var fields = new Dictionary<string, string>
        {
            ["Input.Id"] = "idp", ["Input.DisplayName"] = "IdP", ["Input.Issuer"] = "https://idp.example.com",
            ["Input.ClientId"] = "c", ["Input.ClientSecret"] = Secret, ["Input.Enabled"] = "true",
        };
        (await browser.SubmitAsync(Path, "oidc-provider", fields)).Response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        fields.Remove("Input.Id");
        fields["Input.ClientSecret"] = "";
        fields["Input.DisplayName"] = "IdP renamed";
        (await browser.SubmitAsync(Path + "?edit=idp", "oidc-provider", fields)).Response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var providers = _factory.Services.GetRequiredService<OidcProviders>();
        var stored = (await providers.FindAsync("idp", CancellationToken.None))!;
        stored.DisplayName.Should().Be("IdP renamed");
        providers.Connect(stored)!.ClientSecret.Should().Be(Secret);
    }

    [Fact]
    public async Task BadInput_NamesTheFields_AndSavesNothing()
    {
        using var browser = ConsoleClient.For(_factory);
        await browser.SignInAsync("root", AccessFixtures.Password);

        var (response, page) = await browser.SubmitAsync(Path, "oidc-provider", new Dictionary<string, string>
        {
            ["Input.Id"] = "Bad Id!", ["Input.DisplayName"] = "x", ["Input.Issuer"] = "http://idp.example.com",
            ["Input.ClientId"] = "c", ["Input.Scopes"] = "profile email", ["Input.AllowedDomains"] = "not a domain",
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = page.Body!.TextContent;
        text.Should().Contain("The id must be").And.Contain("must use https://").And.Contain("must include openid").And.Contain("is not a domain name");
        (await _factory.Services.GetRequiredService<OidcProviders>().ListAsync(CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task TheMethodsSetting_RefusesAnUnknownMethod()
    {
        using var browser = ConsoleClient.For(_factory);
        await browser.SignInAsync("root", AccessFixtures.Password);

        var (response, page) = await browser.SubmitAsync(Path, "portal-sign-in-settings", new Dictionary<string, string>
        {
            ["setting:portal.sign_in_methods"] = "local, saml",
            ["setting:portal.require_directory_person"] = "false",
            ["setting:portal.required_group"] = "",
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.Body!.TextContent.Should().Contain("'saml' is not a sign-in method");
    }

    [Fact]
    public async Task OnlyASuperadmin_OpensThePage()
    {
        using var browser = ConsoleClient.For(_factory);
        await browser.SignInAsync("helper", AccessFixtures.Password);
        var (response, _) = await browser.GetPageAsync(Path);
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
