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
        var target = await db.Set<DirectoryGroup>().AsNoTracking()
            .Where(g => g.NormalizedName == groupKey).Select(g => (long?)g.Id).SingleOrDefaultAsync(cancellationToken);
        var personId = await db.Set<DirectoryPerson>().AsNoTracking()
            .Where(p => p.Email == key).Select(p => (long?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (target is not { } targetId || personId is not { } id)
            return false;

        // Walk up from the person's own groups, one query per level; the visited set makes cycles harmless and the
        // depth bound keeps a pathological hierarchy from costing more than a few queries.
        var frontier = await db.Set<DirectoryMembership>().AsNoTracking()
            .Where(m => m.PersonId == id).Select(m => m.GroupId).Distinct().ToListAsync(cancellationToken);
        var visited = new HashSet<long>(frontier);
        for (var depth = 0; frontier.Count > 0; depth++)
        {
            if (visited.Contains(targetId))
                return true;
            if (depth == MaximumNestingDepth)
                break;
            var current = frontier;
            var parents = await db.Set<DirectoryMembership>().AsNoTracking()
                .Where(m => m.MemberGroupId != null && current.Contains(m.MemberGroupId.Value))
                .Select(m => m.GroupId).Distinct().ToListAsync(cancellationToken);
            frontier = parents.Where(visited.Add).ToList();
        }

        return visited.Contains(targetId);
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
