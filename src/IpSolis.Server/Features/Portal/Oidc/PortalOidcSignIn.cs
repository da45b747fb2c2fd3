using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IpSolis.Domain.Portal;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Platform.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>
/// Signing employees in to the portal through an OpenID Connect provider: sending the browser there with a fresh
/// state, nonce and PKCE challenge, and on its return checking the correlation, redeeming the code (the adapter
/// validates the id_token), applying our own rules (email domain, directory entry and group) and starting a portal
/// session. Every completed or failed return is audited; the visitor reads only a generic message.
/// </summary>
public sealed partial class PortalOidcSignIn(
    OidcProviders providers,
    IOpenIdConnectClient client,
    SettingsStore settings,
    PortalSignInSettings signInSettings,
    IPersonDirectory directory,
    IDbContextFactory<IpSolisDbContext> contexts,
    PortalSessions sessions,
    IAuditTrail audit,
    ClientAddress addresses,
    IDataProtectionProvider protection,
    ILogger<PortalOidcSignIn> logger)
{
    public const string Method = PortalSignInMethods.OidcName;

    public static string StartPath(string providerId) => $"{OidcCorrelation.CookiePath}/{providerId}";

    public static string CallbackPath(string providerId) => $"{OidcCorrelation.CookiePath}/{providerId}/callback";

    /// <summary>Where the browser goes to sign in with <paramref name="providerId"/>: the provider, or back to the
    /// sign-in page with a message. Writes no data (only the correlation cookie).</summary>
    public async Task<IResult> StartAsync(string providerId, string? returnUrl, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var snapshot = await settings.CurrentAsync(cancellationToken);
        if (!signInSettings.EffectiveMethods(snapshot).Oidc || await providers.FindAsync(providerId, cancellationToken) is not { Enabled: true } provider)
            return Results.NotFound();
        if (providers.Connect(provider) is not { } connection)
        {
            LogSecretUnreadable(logger, provider.Id);
            return Results.Redirect(PortalSignInFailure.PageFor(PortalSignInFailure.Unavailable));
        }

        var redirectUri = new Uri(PortalAddresses.BaseOf(context, snapshot), CallbackPath(provider.Id));
        var authorization = await client.AuthorizeAsync(connection, redirectUri, cancellationToken);
        if (!authorization.Succeeded)
        {
            LogProviderUnavailable(logger, provider.Id, authorization.Detail);
            return Results.Redirect(PortalSignInFailure.PageFor(PortalSignInFailure.Unavailable));
        }

        var started = authorization.Value!;
        new OidcCorrelation(provider.Id, started.State, started.Nonce, started.CodeVerifier, redirectUri.AbsoluteUri, PortalReturnUrl.Safe(returnUrl))
            .Write(context, protection);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(started.Url.AbsoluteUri);
    }

    /// <summary>The provider's return (<c>GET …/callback?code&amp;state</c>): the only GET that changes data, allowed
    /// because it acts only with a matching state from the encrypted correlation cookie and a PKCE-bound code.</summary>
    public async Task<IResult> CallbackAsync(string providerId, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.Headers.CacheControl = "no-store";
        var query = context.Request.Query;
        // No correlation: a stale bookmark, a second tab, or someone's crafted link. Nothing to audit (and a GET
        // that anyone can send must not be able to fill the audit log).
        if (OidcCorrelation.Take(context, protection) is not { } correlation)
            return Results.Redirect(PortalSignInFailure.PageFor(PortalSignInFailure.Expired));

        var attempt = new Attempt();
        if (!string.Equals(correlation.ProviderId, providerId, StringComparison.Ordinal))
            return await FailAsync(context, providerId, attempt, "provider_mismatch", "the callback is not for the provider the sign-in started with", PortalSignInFailure.Failed);
        if (!FixedTimeEquals(query["state"].ToString(), correlation.State))
            return await FailAsync(context, providerId, attempt, "state_mismatch", "the state does not match this browser's sign-in", PortalSignInFailure.Failed);
        if (query["error"].ToString() is { Length: > 0 } error)
            return await FailAsync(context, providerId, attempt, "provider_error", "the provider answered " + Word(error), PortalSignInFailure.Failed);
        if (query["code"].ToString() is not { Length: > 0 and <= 4096 } code)
            return await FailAsync(context, providerId, attempt, "no_code", "the callback carries no code", PortalSignInFailure.Failed);

        var snapshot = await settings.CurrentAsync(cancellationToken);
        if (!signInSettings.EffectiveMethods(snapshot).Oidc || await providers.FindAsync(providerId, cancellationToken) is not { Enabled: true } provider)
            return await FailAsync(context, providerId, attempt, "provider_disabled", "the provider or OIDC sign-in was turned off", PortalSignInFailure.Unavailable);
        if (providers.Connect(provider) is not { } connection)
            return await FailAsync(context, providerId, attempt, "secret_unreadable", "the client secret cannot be decrypted with the current API_SECRET_KEY", PortalSignInFailure.Unavailable);

        var responseIssuer = query["iss"].ToString();
        var redeemed = await client.RedeemAsync(connection,
            new OidcRedemption(code, new Uri(correlation.RedirectUri), correlation.CodeVerifier, correlation.Nonce, responseIssuer.Length > 0 ? responseIssuer : null),
            cancellationToken);
        if (!redeemed.Succeeded)
        {
            var outcome = redeemed.Failure is OidcFailure.ProviderUnavailable or OidcFailure.DiscoveryInvalid ? PortalSignInFailure.Unavailable : PortalSignInFailure.Failed;
            return await FailAsync(context, providerId, attempt, Reason(redeemed.Failure!.Value), redeemed.Detail ?? "", outcome);
        }

        var identity = redeemed.Value!;
        attempt.Subject = identity.Subject;
        var email = EmailOf(identity, provider.EmailClaim);
        if (email is null)
            return await FailAsync(context, providerId, attempt, "no_email", $"the id_token has no email in '{provider.EmailClaim}'", PortalSignInFailure.NotAllowed);
        attempt.Email = email;
        if (string.Equals(identity.Claim("email_verified"), "false", StringComparison.OrdinalIgnoreCase) && provider.EmailClaim == "email")
            return await FailAsync(context, providerId, attempt, "email_not_verified", "the provider says the email is not verified", PortalSignInFailure.NotAllowed);
        var domains = EmailDomainAllowList.Parse(provider.AllowedDomains);
        if (!domains.Succeeded || !domains.Value.Allows(email))
            return await FailAsync(context, providerId, attempt, "email_domain_not_allowed", "the email's domain is not allowed for this provider", PortalSignInFailure.NotAllowed);

        string? directoryName = null;
        try
        {
            var requireGroup = snapshot.Get(signInSettings.RequiredGroup);
            if (snapshot.Get(signInSettings.RequireDirectoryPerson) || requireGroup.Length > 0)
            {
                var entry = await directory.FindPersonAsync(email, cancellationToken);
                if (entry is null || !entry.IsActive || !string.Equals(entry.Email, email, StringComparison.OrdinalIgnoreCase))
                    return await FailAsync(context, providerId, attempt, "not_in_directory", entry is null ? "no directory entry for this email" : "the directory entry is inactive", PortalSignInFailure.NotAllowed);
                directoryName = entry.DisplayName;
                if (requireGroup.Length > 0 && !await directory.IsMemberAsync(entry.Email, requireGroup, cancellationToken))
                    return await FailAsync(context, providerId, attempt, "not_in_group", "not a member of the required group", PortalSignInFailure.NotAllowed);
            }
        }
        catch (DirectoryUnavailableException)
        {
            // Fail closed: "unknown" is never "allowed".
            return await FailAsync(context, providerId, attempt, "directory_unavailable", "the directory could not answer", PortalSignInFailure.Unavailable);
        }

        var displayName = DisplayName(directoryName ?? identity.Claim(provider.NameClaim) ?? email);
        var address = addresses.Of(context);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (session, secret) = sessions.Start(db, new PortalUser(email, displayName), Method, context, address);
        await db.SaveChangesAsync(cancellationToken);
        db.Add(new PortalOidcSession { PortalSessionId = session.Id, ProviderId = provider.Id, Subject = Short(identity.Subject, 255), Issuer = Short(identity.Issuer, 500) });
        audit.Record(db, AuditActor.PortalUser(email, address), new AuditEvent("portal.signed_in", "portal_session", session.Id.ToString(CultureInfo.InvariantCulture),
            NewValues: new { method = Method, provider = provider.Id, subject = identity.Subject }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        PortalSessions.WriteCookie(context, secret);
        return Results.Redirect(PortalReturnUrl.Safe(correlation.ReturnUrl));
    }

    /// <summary>Where the browser should go to end its session at the provider too (RP-initiated logout), or null
    /// when the session did not come from a provider or the provider has no end_session_endpoint.</summary>
    public async Task<(Uri EndSession, string ProviderName)?> ProviderSignOutAsync(long portalSessionId, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.Set<PortalOidcSession>().AsNoTracking().SingleOrDefaultAsync(s => s.PortalSessionId == portalSessionId, cancellationToken);
        if (link is null || await providers.FindAsync(link.ProviderId, cancellationToken) is not { } provider || providers.Connect(provider) is not { } connection)
            return null;
        var snapshot = await settings.CurrentAsync(cancellationToken);
        // Back to a page that says "signed out" rather than straight into the provider again (which the sign-in
        // page does when one provider is the only way in). Register this address at the provider.
        var back = new Uri(PortalAddresses.BaseOf(context, snapshot), Platform.Security.PortalAuthenticationHandler.SignInPath + "?signedOut=1");
        return await client.SignOutUrlAsync(connection, back, cancellationToken) is { } endSession ? (endSession, provider.DisplayName) : null;
    }

    private static string? EmailOf(OidcIdentity identity, string claim)
    {
        // Entra ID often sends no email claim for work accounts; its preferred_username / upn is the UPN, which is
        // the email address in most tenants. Used only when the configured claim is absent.
        var value = identity.Claim(claim) ?? identity.Claim("preferred_username") ?? identity.Claim("upn");
        if (value is null)
            return null;
        value = value.Trim().ToLowerInvariant();
        return value.Length <= 320 && value.IndexOf('@') is > 0 and var at && at < value.Length - 1 && !value.Any(char.IsControl) && !value.Contains(' ')
            ? value
            : null;
    }

    private static string DisplayName(string name)
    {
        var clean = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length > 200 ? clean[..200] : clean;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        a.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Reason(OidcFailure failure) => SnakeCase().Replace(failure.ToString(), "$1_$2").ToLowerInvariant();

    private static string Word(string text) => new(text.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(64).ToArray());

    private static string Short(string text, int length) => text.Length > length ? text[..length] : text;

    [System.Text.RegularExpressions.GeneratedRegex("([a-z])([A-Z])")]
    private static partial System.Text.RegularExpressions.Regex SnakeCase();

    [LoggerMessage(Level = LogLevel.Error, Message = "OIDC provider {ProviderId}: the client secret cannot be decrypted with the current API_SECRET_KEY; enter it again")]
    private static partial void LogSecretUnreadable(ILogger logger, string providerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OIDC provider {ProviderId} is unavailable: {Detail}")]
    private static partial void LogProviderUnavailable(ILogger logger, string providerId, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal OIDC sign-in through {ProviderId} failed: {Reason} ({Detail})")]
    private static partial void LogSignInFailed(ILogger logger, string providerId, string reason, string detail);

    private async Task<IResult> FailAsync(HttpContext context, string providerId, Attempt attempt, string reason, string detail, string outcome)
    {
        LogSignInFailed(logger, providerId, reason, detail);
        var address = addresses.Of(context);
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        audit.Record(db, AuditActor.Anonymous(address), new AuditEvent("portal.sign_in_failed", "oidc_provider", Short(providerId, 40),
            NewValues: new { method = Method, reason, detail, email = attempt.Email, subject = attempt.Subject }));
        await db.SaveChangesAsync(context.RequestAborted);
        return Results.Redirect(PortalSignInFailure.PageFor(outcome));
    }

    /// <summary>One callback's audit context: who it turned out to be, as far as it got.</summary>
    private sealed class Attempt
    {
        public string? Subject { get; set; }

        public string? Email { get; set; }
    }
}
