using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.PersonDirectory;

/// <summary>
/// Local-directory people, groups and memberships written straight to the database for tests that are about
/// something else (sign-in, lookups), hashing the shared password at full cost once per test run.
/// </summary>
public static class DirectoryFixtures
{
    public const string Password = "portal password for tests";

    private static readonly Lazy<string> PasswordHash = new(() =>
        PasswordHashing.Hash(Password, PasswordHashing.CurrentIterations, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    public static async Task<DirectoryPerson> AddPersonAsync(
        IpSolisFactory factory, string email, string displayName, string? username = null, string? manager = null, bool active = true, bool withPassword = true)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var person = new DirectoryPerson
        {
            Email = email,
            Username = username,
            DisplayName = displayName,
            ManagerEmail = manager,
            IsActive = active,
            PasswordHash = withPassword ? PasswordHash.Value : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(person);
        await db.SaveChangesAsync();
        return person;
    }

    public static async Task<DirectoryGroup> AddGroupAsync(IpSolisFactory factory, string name)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var group = new DirectoryGroup { Name = name, NormalizedName = name.ToLowerInvariant(), CreatedAt = DateTimeOffset.UtcNow };
        db.Add(group);
        await db.SaveChangesAsync();
        return group;
    }

    /// <summary>Makes <paramref name="member"/> (a person or a group) a direct member of <paramref name="group"/>.</summary>
    public static async Task AddMemberAsync(IpSolisFactory factory, DirectoryGroup group, DirectoryPerson? person = null, DirectoryGroup? member = null)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        db.Add(new DirectoryMembership { GroupId = group.Id, PersonId = person?.Id, MemberGroupId = member?.Id });
        await db.SaveChangesAsync();
    }

    public static async Task<DirectoryPerson> PersonAsync(IpSolisFactory factory, string email)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        return await db.Set<DirectoryPerson>().AsNoTracking().SingleAsync(p => p.Email == email);
    }

    public static IDbContextFactory<IpSolisDbContext> Contexts(IpSolisFactory factory) => AccessFixtures.Contexts(factory);
}
