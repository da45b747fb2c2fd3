using System.Text.RegularExpressions;
using IpSolis.Domain;
using IpSolis.Domain.Portal;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>
/// The configured OpenID Connect providers: listing, reading one with its secret unsealed (for the protocol client
/// only), and saving or removing one. Every change is audited with the secret masked.
/// </summary>
public sealed partial class OidcProviders(
    IDbContextFactory<IpSolisDbContext> contexts,
    SettingSecretProtector protector,
    IAuditTrail audit,
    TimeProvider time)
{
    public const string DefaultScopes = "openid profile email";
    public const string DefaultEmailClaim = "email";
    public const string DefaultNameClaim = "name";

    public async Task<IReadOnlyList<OidcProvider>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<OidcProvider>().AsNoTracking().OrderBy(p => p.DisplayName).ThenBy(p => p.Id).ToListAsync(cancellationToken);
    }

    public async Task<OidcProvider?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id))
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<OidcProvider>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>The connection for the protocol client; null when the sealed secret no longer decrypts (the
    /// <c>API_SECRET_KEY</c> changed: the secret must be entered again).</summary>
    public OidcProviderConnection? Connect(OidcProvider provider)
    {
        string? secret = null;
        if (provider.ClientSecretSealed is { } sealedSecret)
        {
            secret = protector.Unprotect(SecretKey(provider.Id), sealedSecret);
            if (secret is null)
                return null;
        }

        return new OidcProviderConnection(provider.Issuer, provider.ClientId, secret, provider.Scopes);
    }

    /// <summary>Whether the stored secret of <paramref name="provider"/> cannot be decrypted any more.</summary>
    public bool SecretUnreadable(OidcProvider provider) =>
        provider.ClientSecretSealed is { } sealedSecret && protector.Unprotect(SecretKey(provider.Id), sealedSecret) is null;

    /// <summary>Creates (when <paramref name="existingId"/> is null) or changes a provider; nothing is saved when
    /// anything is wrong.</summary>
    public async Task<Result<OidcProvider>> SaveAsync(string? existingId, OidcProviderInput input, AuditActor actor, CancellationToken cancellationToken)
    {
        var errors = new List<DomainError>();
        var id = (existingId ?? input.Id ?? "").Trim().ToLowerInvariant();
        if (!IsId(id))
            errors.Add(new DomainError("oidc.id", "The id must be 1 to 40 characters of a-z, 0-9, _ and -.", "id"));
        var displayName = (input.DisplayName ?? "").Trim();
        if (displayName.Length is 0 or > 100 || displayName.Any(char.IsControl))
            errors.Add(new DomainError("oidc.display_name", "The display name must be 1 to 100 characters on one line.", "displayName"));
        var issuer = OidcIssuer.Normalize(input.Issuer);
        errors.AddRange(issuer.Errors);
        var clientId = (input.ClientId ?? "").Trim();
        if (clientId.Length is 0 or > 200 || clientId.Any(char.IsControl))
            errors.Add(new DomainError("oidc.client_id", "The client id must be 1 to 200 characters.", "clientId"));
        var scopes = string.Join(' ', (string.IsNullOrWhiteSpace(input.Scopes) ? DefaultScopes : input.Scopes)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal));
        if (!scopes.Split(' ').Contains("openid", StringComparer.Ordinal) || scopes.Length > 500 || !scopes.All(c => c > ' ' && c != '"' && c != '\\' && c < 127 || c == ' '))
            errors.Add(new DomainError("oidc.scopes", "The scopes must include openid and be separated by spaces.", "scopes"));
        var emailClaim = ClaimName(input.EmailClaim, DefaultEmailClaim, "emailClaim", errors);
        var nameClaim = ClaimName(input.NameClaim, DefaultNameClaim, "nameClaim", errors);
        var domains = EmailDomainAllowList.Parse(input.AllowedDomains);
        errors.AddRange(domains.Errors);
        var secret = input.ClientSecret;
        if (secret is { Length: > 4000 } || (secret is not null && secret.Any(char.IsControl)))
            errors.Add(new DomainError("oidc.client_secret", "The client secret must be at most 4000 characters on one line.", "clientSecret"));
        if (errors.Count > 0)
            return Result<OidcProvider>.Failure([.. errors]);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<OidcProvider>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (existingId is null && row is not null)
            return new DomainError("oidc.id_taken", $"There is already a provider with the id '{id}'.", "id");
        if (existingId is not null && row is null)
            return new DomainError("oidc.not_found", $"There is no provider '{id}'.", "id");

        var now = time.GetUtcNow();
        var before = row is null ? null : Describe(row);
        row ??= db.Add(new OidcProvider
        {
            Id = id, DisplayName = displayName, Issuer = issuer.Value, ClientId = clientId, Scopes = scopes,
            EmailClaim = emailClaim, NameClaim = nameClaim, CreatedAt = now, UpdatedBy = actor.Id,
        }).Entity;
        row.DisplayName = displayName;
        row.Issuer = issuer.Value;
        row.ClientId = clientId;
        row.Scopes = scopes;
        row.EmailClaim = emailClaim;
        row.NameClaim = nameClaim;
        row.AllowedDomains = domains.Value.ToString();
        row.Enabled = input.Enabled;
        var secretChanged = false;
        if (!string.IsNullOrWhiteSpace(secret))
        {
            row.ClientSecretSealed = protector.Protect(SecretKey(id), secret.Trim());
            secretChanged = true;
        }
        else if (input.ClearClientSecret && row.ClientSecretSealed is not null)
        {
            row.ClientSecretSealed = null;
            secretChanged = true;
        }

        var after = Describe(row);
        if (before is not null && before == after && !secretChanged)
            return row;
        row.UpdatedAt = now;
        row.UpdatedBy = actor.Id;
        audit.Record(db, actor, new AuditEvent(before is null ? "portal.oidc_provider.created" : "portal.oidc_provider.changed", "oidc_provider", id,
            OldValues: before,
            NewValues: after with { ClientSecret = secretChanged ? AuditValues.Masked : after.ClientSecret }));
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    public async Task<bool> DeleteAsync(string id, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<OidcProvider>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (row is null)
            return false;
        db.Remove(row);
        audit.Record(db, actor, new AuditEvent("portal.oidc_provider.deleted", "oidc_provider", id, OldValues: Describe(row)));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    // The secret is bound to its provider: a sealed value copied to another provider does not decrypt.
    private static string SecretKey(string id) => $"portal.oidc.{id}.client_secret";

    private static string ClaimName(string? input, string fallback, string field, List<DomainError> errors)
    {
        var name = string.IsNullOrWhiteSpace(input) ? fallback : input.Trim();
        if (name.Length > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '/'))
            errors.Add(new DomainError("oidc.claim", "A claim name is a word like email, upn or preferred_username.", field));
        return name;
    }

    private static ProviderAudit Describe(OidcProvider row) => new(row.DisplayName, row.Issuer, row.ClientId, row.Scopes, row.EmailClaim,
        row.NameClaim, row.AllowedDomains, row.Enabled, row.ClientSecretSealed is null ? null : AuditValues.Masked);

    [GeneratedRegex("^[a-z0-9_-]{1,40}$")]
    private static partial Regex IdPattern();

    private sealed record ProviderAudit(string DisplayName, string Issuer, string ClientId, string Scopes, string EmailClaim,
        string NameClaim, string AllowedDomains, bool Enabled, string? ClientSecret);
}
