using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Infrastructure;

/// <summary>
/// Accounts and tokens for access tests, written straight to the database (hashing a password at full cost once
/// per test run, not once per account).
/// </summary>
public static class AccessFixtures
{
    public const string Password = "correct horse battery staple";

    private static readonly Lazy<string> PasswordHash = new(() =>
        PasswordHashing.Hash(Password, PasswordHashing.CurrentIterations, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    public static async Task<AdminUser> AddUserAsync(IpSolisFactory factory, string username, AdminRole role, bool active = true, string? passwordHash = null)
    {
        await using var db = await Contexts(factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var user = new AdminUser
        {
            Username = username,
            PasswordHash = passwordHash ?? PasswordHash.Value,
            Role = role,
            IsActive = active,
            CreatedAt = now,
            UpdatedAt = now,
            PasswordSetAt = now,
            CreatedBy = "system:test",
        };
        db.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>Mints a token as <paramref name="creator"/> would through the API and returns its secret.</summary>
    public static async Task<(long Id, string Token)> AddTokenAsync(IpSolisFactory factory, AdminUser creator, AdminRole? role = null, string[]? scopes = null, string name = "test token")
    {
        var tokens = factory.Services.GetRequiredService<Features.Administration.ApiTokens>();
        var identity = new AdminIdentity(AdminIdentity.Session, creator.Username, creator.Role, creator.Id, LegacyAuthority: false, SessionId: 0);
        var created = await tokens.CreateAsync(identity, Platform.Audit.AuditActor.System("test"), name, scopes, role is null ? null : AdminRoles.Name(role.Value), 30, CancellationToken.None);
        return (created.Value.Token.Id, created.Value.Secret);
    }

    public static HttpClient ApiClient(IpSolisFactory factory, string? token = null)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static IDbContextFactory<IpSolisDbContext> Contexts(IpSolisFactory factory) =>
        factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);

    /// <summary>Actions recorded in the audit log, oldest first.</summary>
    public static async Task<IReadOnlyList<Platform.Audit.AuditEntry>> AuditAsync(IpSolisFactory factory)
    {
        await using var db = await Contexts(factory).CreateDbContextAsync();
        return await db.Set<Platform.Audit.AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }
}
