using System.Net;
using System.Text.Json;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.PersonDirectory;

namespace IpSolis.Server.Tests.Oidc;

/// <summary>
/// Sign-ins through the real provider that must not start a session. The broken id_tokens come from the real flow:
/// the test provider (tests/oidc-provider/server.mjs) replaces the id_token of a few accounts in its token response
/// by one crafted with its real signing key (expired, wrong audience, wrong nonce, wrong issuer), with a key of its
/// own under the real key's kid (wrong signature), or unsigned; everything else about the sign-in is genuine.
/// </summary>
[Collection(OidcProviderCollection.Name)]
public sealed class OidcSignInRefusalTests : IAsyncLifetime
{
    private OidcHost _host = null!;

    public async Task InitializeAsync() => _host = await OidcHost.StartAsync(allowedDomains: "example.com");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("expired-token", "expired")]
    [InlineData("wrong-signature", "invalid_signature")]
    [InlineData("wrong-audience", "wrong_audience")]
    [InlineData("wrong-nonce", "wrong_nonce")]
    [InlineData("wrong-issuer", "wrong_issuer")]
    [InlineData("unsigned", "algorithm_not_allowed")]
    public async Task ABrokenIdToken_IsRefused_AndAudited(string login, string reason)
    {
        var (browser, target) = await _host.SignInAsync(login);
        using var _ = browser;

        target.Should().Be("/portal/login?failed=failed");
        await ShouldBeRefusedAsync(browser, reason);
    }

    [Fact]
    public async Task AnEmailDomainThatIsNotAllowed_IsRefused()
    {
        var (browser, target) = await _host.SignInAsync("bob");
        using var _ = browser;

        target.Should().Be("/portal/login?failed=not-allowed");
        var failure = await ShouldBeRefusedAsync(browser, "email_domain_not_allowed");
        failure.GetProperty("email").GetString().Should().Be("bob@elsewhere.test");
        var (_, page) = await browser.GetPageAsync(target);
        page.QuerySelector(".alert")!.TextContent.Should().Contain("cannot sign in to this portal");
    }

    [Fact]
    public async Task AStateThatDoesNotMatchThisBrowsersSignIn_IsRefused()
    {
        using var browser = ConsoleClient.For(_host.Factory);
        var authorize = await OidcHost.StartAsync(browser);
        var callback = await OidcTestProvider.SignInAtProviderAsync(authorize, "alice");
        var forged = new UriBuilder(callback) { Query = callback.Query.TrimStart('?').Replace("state=", "state=x", StringComparison.Ordinal) }.Uri;

        var (response, target) = await OidcHost.CallbackAsync(browser, forged);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        target.Should().Be("/portal/login?failed=failed");
        await ShouldBeRefusedAsync(browser, "state_mismatch");
    }

    [Fact]
    public async Task ACallbackInAnotherBrowser_WithoutTheCorrelationCookie_DoesNothing()
    {
        using var victim = ConsoleClient.For(_host.Factory);
        var callback = await OidcTestProvider.SignInAtProviderAsync(await OidcHost.StartAsync(victim), "alice");

        using var attacker = ConsoleClient.For(_host.Factory);
        var (_, target) = await OidcHost.CallbackAsync(attacker, callback);

        target.Should().Be("/portal/login?failed=expired");
        (await _host.LiveSessionsAsync()).Should().Be(0);
        (await _host.AuditAsync("portal.sign_in_failed")).Should().BeEmpty("a callback without a sign-in in progress writes nothing");
    }

    [Fact]
    public async Task ACallbackUsedTwice_DoesNotSignInTwice()
    {
        using var browser = ConsoleClient.For(_host.Factory);
        var callback = await OidcTestProvider.SignInAtProviderAsync(await OidcHost.StartAsync(browser), "alice");
        (await OidcHost.CallbackAsync(browser, callback)).Target.Should().Be("/portal");

        using var replay = ConsoleClient.For(_host.Factory);
        (await OidcHost.CallbackAsync(replay, callback)).Target.Should().Be("/portal/login?failed=expired");
        (await _host.LiveSessionsAsync()).Should().Be(1);
    }

    [Fact]
    public async Task APersonMissingFromTheDirectory_IsRefused_WhenTheDirectoryIsRequired()
    {
        await DirectoryFixtures.AddPersonAsync(_host.Factory, "alice@example.com", "Alice Adams (directory)");
        await _host.SaveSettingsAsync(new Dictionary<string, string?> { ["portal.require_directory_person"] = "true" });

        var (carol, carolTarget) = await _host.SignInAsync("carol");
        using var _ = carol;
        carolTarget.Should().Be("/portal/login?failed=not-allowed");
        await ShouldBeRefusedAsync(carol, "not_in_directory");

        var (alice, aliceTarget) = await _host.SignInAsync("alice");
        using var __ = alice;
        aliceTarget.Should().Be("/portal");
        var (_, page) = await alice.GetPageAsync("/portal");
        page.QuerySelector(".portal-user-name")!.TextContent.Should().Be("Alice Adams (directory)", "the directory's name wins over the provider's");
    }

    [Fact]
    public async Task AnInactiveDirectoryEntry_IsRefused()
    {
        await DirectoryFixtures.AddPersonAsync(_host.Factory, "alice@example.com", "Alice Adams", active: false);
        await _host.SaveSettingsAsync(new Dictionary<string, string?> { ["portal.require_directory_person"] = "true" });

        var (browser, target) = await _host.SignInAsync("alice");
        using var _ = browser;
        target.Should().Be("/portal/login?failed=not-allowed");
        await ShouldBeRefusedAsync(browser, "not_in_directory");
    }

    [Fact]
    public async Task APersonOutsideTheRequiredGroup_IsRefused_AndAMemberIsLetIn()
    {
        var alice = await DirectoryFixtures.AddPersonAsync(_host.Factory, "alice@example.com", "Alice Adams");
        await DirectoryFixtures.AddPersonAsync(_host.Factory, "carol@example.com", "Carol Clark");
        var group = await DirectoryFixtures.AddGroupAsync(_host.Factory, "Portal Users");
        await DirectoryFixtures.AddMemberAsync(_host.Factory, group, alice);
        await _host.SaveSettingsAsync(new Dictionary<string, string?> { ["portal.required_group"] = "Portal Users" });

        var (carol, carolTarget) = await _host.SignInAsync("carol");
        using var _ = carol;
        carolTarget.Should().Be("/portal/login?failed=not-allowed");
        await ShouldBeRefusedAsync(carol, "not_in_group");

        var (member, memberTarget) = await _host.SignInAsync("alice");
        using var __ = member;
        memberTarget.Should().Be("/portal");
    }

    [Fact]
    public async Task ADirectoryThatCannotAnswer_RefusesTheSignIn()
    {
        await using var host = await OidcHost.StartAsync(services: services => services.AddSingleton<IPersonDirectory, DownDirectory>());
        await host.SaveSettingsAsync(new Dictionary<string, string?> { ["portal.require_directory_person"] = "true" });

        var (browser, target) = await host.SignInAsync("alice");
        using var _ = browser;
        target.Should().Be("/portal/login?failed=unavailable");
        (await host.LiveSessionsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task AnUnknownOrDisabledProvider_CannotBeStarted()
    {
        using var browser = ConsoleClient.For(_host.Factory);
        (await browser.Http.GetAsync("/portal/auth/oidc/nope")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await browser.Http.GetAsync("/portal/auth/oidc/..%2F..%2Fui")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<JsonElement> ShouldBeRefusedAsync(ConsoleClient browser, string reason)
    {
        var (response, _) = await browser.GetPageAsync("/portal/my-it");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "no portal session may exist");
        ConsoleClient.RedirectTarget(response).Should().StartWith("/portal/login");
        (await _host.LiveSessionsAsync()).Should().Be(0);
        var failures = await _host.AuditAsync("portal.sign_in_failed");
        var failure = failures.Should().ContainSingle().Subject;
        failure.EntityId.Should().Be(OidcHost.ProviderId);
        using var values = JsonDocument.Parse(failure.NewValues!);
        values.RootElement.GetProperty("method").GetString().Should().Be("oidc");
        values.RootElement.GetProperty("reason").GetString().Should().Be(reason);
        return values.RootElement.Clone();
    }

    private sealed class DownDirectory : IPersonDirectory
    {
        public Task<DirectoryEntry?> FindPersonAsync(string emailOrUsername, CancellationToken cancellationToken) =>
            throw new DirectoryUnavailableException("down for the test");

        public Task<bool> IsMemberAsync(string email, string group, CancellationToken cancellationToken) =>
            throw new DirectoryUnavailableException("down for the test");

        public Task<DirectoryEntry?> FindManagerAsync(string email, CancellationToken cancellationToken) =>
            throw new DirectoryUnavailableException("down for the test");

        public Task<IReadOnlyList<DirectoryEntry>> DirectReportsAsync(string email, CancellationToken cancellationToken) =>
            throw new DirectoryUnavailableException("down for the test");
    }
}
