using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// The person directory over the local directory tables (the embedded default when no LDAP is configured).
/// Emails and usernames are stored lower case, so matching the lower-cased input is case-insensitive on both
/// databases without collations. Inactive people are found (with <see cref="DirectoryEntry.IsActive"/> false): the
/// callers decide what an inactive person may still do.
/// </summary>
public sealed class LocalPersonDirectory(IDbContextFactory<IpSolisDbContext> contexts) : IPersonDirectory
{
    /// <summary>Levels of nested groups followed above a person's own groups; deeper nesting is not membership.</summary>
    public const int MaximumNestingDepth = 10;

    public async Task<DirectoryEntry?> FindPersonAsync(string emailOrUsername, CancellationToken cancellationToken)
    {
        var key = Key(emailOrUsername);
        if (key.Length == 0)
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // An email and someone else's username could in theory be equal; the email wins.
        var found = await db.Set<DirectoryPerson>().AsNoTracking()
            .Where(p => p.Email == key || p.Username == key)
            .ToListAsync(cancellationToken);
        var person = found.FirstOrDefault(p => p.Email == key) ?? found.FirstOrDefault();
        return person is null ? null : Entry(person);
    }

    public async Task<bool> IsMemberAsync(string email, string group, CancellationToken cancellationToken)
    {
        var key = Key(email);
        var groupKey = LocalDirectory.NormalizeGroupName(group);
        if (key.Length == 0 || groupKey.Length == 0)
            return false;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One statement, asked on every catalog view: the person's own groups (depth 0), then the groups those are
        // members of, level by level up to the nesting bound. UNION drops repeated (group, depth) rows, and the
        // depth bound ends a cycle.
        var reached = await db.Database.SqlQuery<long>($"""
            WITH RECURSIVE reached(group_id, depth) AS (
                SELECT m.group_id, 0
                FROM directory_memberships m JOIN directory_people p ON p.id = m.person_id
                WHERE p.email = {key}
                UNION
                SELECT m.group_id, reached.depth + 1
                FROM directory_memberships m JOIN reached ON m.member_group_id = reached.group_id
                WHERE reached.depth < {MaximumNestingDepth}
            )
            SELECT COUNT(*) FROM reached JOIN directory_groups g ON g.id = reached.group_id
            WHERE g.normalized_name = {groupKey}
            """).ToListAsync(cancellationToken);
        return reached[0] > 0;
    }

    public async Task<DirectoryEntry?> FindManagerAsync(string email, CancellationToken cancellationToken)
    {
        var key = Key(email);
        if (key.Length == 0)
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var managerEmail = await db.Set<DirectoryPerson>().AsNoTracking()
            .Where(p => p.Email == key).Select(p => p.ManagerEmail).SingleOrDefaultAsync(cancellationToken);
        if (string.IsNullOrEmpty(managerEmail) || managerEmail == key)
            return null;
        var manager = await db.Set<DirectoryPerson>().AsNoTracking().SingleOrDefaultAsync(p => p.Email == managerEmail, cancellationToken);
        return manager is null ? null : Entry(manager);
    }

    public async Task<IReadOnlyList<DirectoryEntry>> DirectReportsAsync(string email, CancellationToken cancellationToken)
    {
        var key = Key(email);
        if (key.Length == 0)
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reports = await db.Set<DirectoryPerson>().AsNoTracking()
            .Where(p => p.ManagerEmail == key && p.Email != key)
            .OrderBy(p => p.DisplayName).ThenBy(p => p.Email)
            .ToListAsync(cancellationToken);
        return reports.Select(Entry).ToList();
    }

    internal static DirectoryEntry Entry(DirectoryPerson person) => new(person.Email, person.DisplayName)
    {
        Username = person.Username,
        ManagerEmail = person.ManagerEmail,
        Department = person.Department,
        CostCenter = person.CostCenter,
        Title = person.Title,
        Company = person.Company,
        EmployeeId = person.EmployeeId,
        IsActive = person.IsActive,
    };

    private static string Key(string? value) => (value ?? "").Trim().ToLowerInvariant();
}
