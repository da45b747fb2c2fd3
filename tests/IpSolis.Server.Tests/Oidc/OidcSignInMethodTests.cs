using System.Net;
using IpSolis.Domain.Portal;
using IpSolis.Server.Features.Portal;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace IpSolis.Server.Tests.Oidc;

/// <summary>Which portal sign-in methods are offered, and the demo-only anonymous method (never in Production).</summary>
public sealed class OidcSignInMethodTests : IAsyncLifetime
{
    private string _directory = "";

    public Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("ipsolis-portal-methods-").FullName;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ConfigValidate_InProduction_RefusesAnonymousSignIn_NamingTheSetting()
    {
        var (exitCode, process) = await IpSolisProcess.RunAsync(_directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["API_SECRET_KEY"] = new string('k', 10) + TestEnvironment.RandomSecret(),
            ["IPSOLIS_Database__AllowSqliteInProduction"] = "true",
            ["IPSOLIS_Portal__SignInMethods"] = "local,anonymous",
        }, "config", "validate");

        exitCode.Should().Be(1);
        process.StandardError.Should().ContainSingle().Which.Should()
            .Contain("IPSOLIS_Portal__SignInMethods").And.Contain("refused in Production");
    }

    [Fact]
    public void TheSetting_InProduction_CannotBeSavedWithAnonymous()
    {
        var production = new PortalSignInSettings(new PortalOptions(), production: true);
        production.Methods.Check("local, anonymous").Error.Should().Contain("refused in Production");
        production.Methods.Check("local, oidc").Stored.Should().Be("local,oidc");
        new PortalSignInSettings(new PortalOptions(), production: false).Methods.Check("anonymous").Stored.Should().Be("anonymous");
    }

    [Fact]
    public async Task AnonymousSignIn_OutsideProduction_SignsInTheSharedDemoPerson_AndIsAudited()
    {
        await using var factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Portal:SignInMethods"] = "anonymous" });
        using var browser = ConsoleClient.For(factory);
        var (page, html) = await browser.GetPageAsync("/portal/login");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        ConsoleClient.FindForm(html, "portal-sign-in").Should().BeNull("the password form is not enabled");

        var (response, _) = await browser.SubmitAsync("/portal/login", PortalAnonymousSignIn.Path, new Dictionary<string, string>());

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(response).Should().Be("/portal");
        var (_, portal) = await browser.GetPageAsync("/portal");
        portal.QuerySelector(".portal-user-name")!.TextContent.Should().Be("Demo User");
        var audit = await AccessFixtures.AuditAsync(factory);
        audit.Should().ContainSingle(e => e.Action == "portal.signed_in" && e.NewValues!.Contains("anonymous"));
    }

    [Fact]
    public async Task AnonymousSignIn_IsRefused_WhenNotEnabled()
    {
        await using var factory = await IpSolisFactory.CreateAsync();
        using var browser = ConsoleClient.For(factory);
        var (_, page) = await browser.GetPageAsync("/portal/login");
        var token = ConsoleClient.AntiforgeryToken(page, "portal-sign-in");

        var (response, _) = await browser.PostAsync(PortalAnonymousSignIn.Path, [new("__RequestVerificationToken", token)]);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await AccessFixtures.AuditAsync(factory)).Should().NotContain(e => e.Action == "portal.signed_in");
    }

    [Fact]
    public async Task AnonymousSignIn_InProduction_IsRefusedAtRunTime_EvenWhenADemoDatabaseHasItStored()
    {
        await using var factory = await IpSolisFactory.CreateAsync();
        var services = factory.Services;
        await using (var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync())
        {
            db.Add(new Setting { Key = "portal.sign_in_methods", Value = "local,anonymous", UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "demo" });
            await db.SaveChangesAsync();
        }

        var production = new PortalSignInSettings(new PortalOptions(), production: true);
        var signIn = new PortalAnonymousSignIn(new ProductionEnvironment(), services.GetRequiredService<SettingsStore>(), production,
            services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>(), services.GetRequiredService<PortalSessions>(),
            services.GetRequiredService<IAuditTrail>(), services.GetRequiredService<ClientAddress>());
        var context = new DefaultHttpContext { RequestServices = services };

        production.EffectiveMethods(await services.GetRequiredService<SettingsStore>().CurrentAsync()).Should().Be(new PortalSignInMethods(true, false, false, false));
        (await signIn.IsOfferedAsync(CancellationToken.None)).Should().BeFalse();
        (await signIn.SignInAsync(context)).Should().BeFalse();
        context.Response.Headers.SetCookie.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task ThePasswordForm_IsRefused_WhenOnlyProvidersAreEnabled()
    {
        await using var factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Portal:SignInMethods"] = "oidc" });
        using var browser = ConsoleClient.For(factory);
        var (page, html) = await browser.GetPageAsync("/portal/login");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        html.QuerySelector(".card")!.TextContent.Should().Contain("No sign-in method is enabled", "OIDC is on but no provider is configured");
        ConsoleClient.FindForm(html, "portal-sign-in").Should().BeNull();
    }

    private sealed class ProductionEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "ipsolis";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
