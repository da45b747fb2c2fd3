using System.Globalization;
using System.Text.RegularExpressions;
using IpSolis.Domain;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// Changes to the local directory: people (add, update, set a portal password), groups and memberships. Every
/// change is validated first (an error names the field and nothing is written) and audited in the same save.
/// Deactivating a person or setting their password ends their portal sessions in that save too.
/// </summary>
public sealed partial class LocalDirectory(
    IDbContextFactory<IpSolisDbContext> contexts,
    PasswordHashing hashing,
    PortalSessions portalSessions,
    AccessPolicy access,
    IAuditTrail audit,
    TimeProvider time)
{
    public static readonly DomainError PersonNotFound = new("directory_person.not_found", "No such person in the local directory.", "email");

    public static readonly DomainError GroupNotFound = new("directory_group.not_found", "No such group in the local directory.", "group");

    /// <summary>How group names are matched: trimmed and lower case.</summary>
    public static string NormalizeGroupName(string? name) => (name ?? "").Trim().ToLowerInvariant();

    /// <summary>Adds a person (without a password: see <see cref="SetPasswordAsync"/>).</summary>
    public async Task<Result<DirectoryEntry>> AddPersonAsync(AuditActor actor, DirectoryEntry details, CancellationToken cancellationToken)
    {
        var clean = Clean(details, out var errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CheckReferencesAsync(db, clean, null, errors, cancellationToken);
        if (errors.Count > 0)
            return Result<DirectoryEntry>.Failure([.. errors]);

        var now = time.GetUtcNow();
        var person = new DirectoryPerson { Email = clean.Email, DisplayName = clean.DisplayName, CreatedAt = now };
        person.TakeDetails(clean, now);
        db.Add(person);
        audit.Record(db, actor, new AuditEvent("directory_person.created", "directory_person", NewValues: Values(clean), Classification: "pii"));
        return await SaveAsync(db, clean, cancellationToken);
    }

    /// <summary>Updates the person with <paramref name="details"/>' email (the email itself never changes here).</summary>
    public async Task<Result<DirectoryEntry>> UpdatePersonAsync(AuditActor actor, DirectoryEntry details, CancellationToken cancellationToken)
    {
        var clean = Clean(details, out var errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<DirectoryPerson>().SingleOrDefaultAsync(p => p.Email == clean.Email, cancellationToken);
        if (person is null)
            return PersonNotFound;
        await CheckReferencesAsync(db, clean, person.Id, errors, cancellationToken);
        if (errors.Count > 0)
            return Result<DirectoryEntry>.Failure([.. errors]);

        var before = LocalPersonDirectory.Entry(person);
        person.TakeDetails(clean, time.GetUtcNow());
        var sessionsEnded = before.IsActive && !clean.IsActive
            ? await portalSessions.EndForEmailAsync(db, person.Email, "deactivated", cancellationToken)
            : 0;
        audit.Record(db, actor, new AuditEvent("directory_person.updated", "directory_person", Id(person.Id),
            OldValues: Values(before), NewValues: new { details = Values(clean), portalSessionsEnded = sessionsEnded }, Classification: "pii"));
        return await SaveAsync(db, clean, cancellationToken);
    }

    /// <summary>Sets the person's portal password (the admin password policy applies) and ends their portal sessions.</summary>
    public async Task<Result<DirectoryEntry>> SetPasswordAsync(AuditActor actor, string? email, string? password, CancellationToken cancellationToken)
    {
        if ((await access.PasswordsAsync(cancellationToken)).Check(password) is { } problem)
            return problem;
        var key = (email ?? "").Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var person = await db.Set<DirectoryPerson>().SingleOrDefaultAsync(p => p.Email == key, cancellationToken);
        if (person is null)
            return PersonNotFound;

        person.PasswordHash = await hashing.HashAsync(password!, cancellationToken);
        person.FailedSignInCount = 0;
        person.LockedAt = null;
        person.UpdatedAt = time.GetUtcNow();
        var ended = await portalSessions.EndForEmailAsync(db, person.Email, "password_changed", cancellationToken);
        audit.Record(db, actor, new AuditEvent("directory_person.password_set", "directory_person", Id(person.Id),
            NewValues: new { person.Email, password = AuditValues.Masked, portalSessionsEnded = ended }, Classification: "pii"));
        await db.SaveChangesAsync(cancellationToken);
        return LocalPersonDirectory.Entry(person);
    }

    public async Task<Result<DirectoryGroup>> AddGroupAsync(AuditActor actor, string? name, string? description, CancellationToken cancellationToken)
    {
        var trimmed = (name ?? "").Trim();
        description = (description ?? "").Trim();
        if (trimmed.Length == 0)
            return new DomainError("directory_group.name_required", "Give the group a name.", "name");
        if (trimmed.Length > 200 || trimmed.Any(char.IsControl))
            return new DomainError("directory_group.name_invalid", "A group name has at most 200 characters and no control characters.", "name");
        if (description.Length > 1000)
            return new DomainError("directory_group.description_too_long", "The description has at most 1000 characters.", "description");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = new DirectoryGroup
        {
            Name = trimmed,
            NormalizedName = NormalizeGroupName(trimmed),
            Description = description,
            CreatedAt = time.GetUtcNow(),
        };
        if (await db.Set<DirectoryGroup>().AnyAsync(g => g.NormalizedName == group.NormalizedName, cancellationToken))
            return GroupNameTaken(trimmed);
        db.Add(group);
        audit.Record(db, actor, new AuditEvent("directory_group.created", "directory_group", NewValues: new { group.Name, group.Description }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return GroupNameTaken(trimmed);
        }

        return group;
    }

    /// <summary>Makes the person with <paramref name="email"/> a direct member of <paramref name="group"/>.</summary>
    public async Task<Result<DirectoryMembership>> AddPersonToGroupAsync(AuditActor actor, string? group, string? email, CancellationToken cancellationToken)
    {
        var key = (email ?? "").Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = await FindGroupAsync(db, group, cancellationToken);
        var person = await db.Set<DirectoryPerson>().AsNoTracking().SingleOrDefaultAsync(p => p.Email == key, cancellationToken);
        if (target is null)
            return GroupNotFound;
        if (person is null)
            return PersonNotFound;
        if (await db.Set<DirectoryMembership>().AnyAsync(m => m.GroupId == target.Id && m.PersonId == person.Id, cancellationToken))
            return AlreadyMember(person.Email, target.Name);

        var membership = new DirectoryMembership { GroupId = target.Id, PersonId = person.Id };
        return await AddMembershipAsync(db, actor, membership, target, person.Email, cancellationToken);
    }

    /// <summary>
    /// Nests <paramref name="memberGroup"/> in <paramref name="group"/>. Cycles are allowed, as directories allow
    /// them; membership checks stay finite whatever the nesting.
    /// </summary>
    public async Task<Result<DirectoryMembership>> AddGroupToGroupAsync(AuditActor actor, string? group, string? memberGroup, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = await FindGroupAsync(db, group, cancellationToken);
        var member = await FindGroupAsync(db, memberGroup, cancellationToken);
        if (target is null)
            return GroupNotFound;
        if (member is null)
            return GroupNotFound with { Field = "memberGroup" };
        if (member.Id == target.Id)
            return new DomainError("directory_membership.self", "A group cannot be a member of itself.", "memberGroup");
        if (await db.Set<DirectoryMembership>().AnyAsync(m => m.GroupId == target.Id && m.MemberGroupId == member.Id, cancellationToken))
            return AlreadyMember(member.Name, target.Name);

        var membership = new DirectoryMembership { GroupId = target.Id, MemberGroupId = member.Id };
        return await AddMembershipAsync(db, actor, membership, target, "group:" + member.Name, cancellationToken);
    }

    /// <summary>
    /// Removes a direct member of <paramref name="group"/>: the person with the email <paramref name="member"/>, or the
    /// nested group named <paramref name="member"/> when <paramref name="isGroup"/>. False when it was not a member.
    /// </summary>
    public async Task<Result<bool>> RemoveMemberAsync(AuditActor actor, string? group, string? member, bool isGroup, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = await FindGroupAsync(db, group, cancellationToken);
        if (target is null)
            return GroupNotFound;
        DirectoryMembership? membership;
        string name;
        if (isGroup)
        {
            var nested = await FindGroupAsync(db, member, cancellationToken);
            if (nested is null)
                return GroupNotFound with { Field = "memberGroup" };
            name = "group:" + nested.Name;
            membership = await db.Set<DirectoryMembership>().SingleOrDefaultAsync(m => m.GroupId == target.Id && m.MemberGroupId == nested.Id, cancellationToken);
        }
        else
        {
            var key = (member ?? "").Trim().ToLowerInvariant();
            var person = await db.Set<DirectoryPerson>().AsNoTracking().SingleOrDefaultAsync(p => p.Email == key, cancellationToken);
            if (person is null)
                return PersonNotFound;
            name = person.Email;
            membership = await db.Set<DirectoryMembership>().SingleOrDefaultAsync(m => m.GroupId == target.Id && m.PersonId == person.Id, cancellationToken);
        }

        if (membership is null)
            return false;
        db.Remove(membership);
        audit.Record(db, actor, new AuditEvent("directory_group.member_removed", "directory_group", Id(target.Id),
            OldValues: new { group = target.Name, member = name }));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Deletes the group named <paramref name="group"/> with its memberships (its members' and its own in other groups).
    /// False when there is no such group: a re-run after a crash finds it already gone.
    /// </summary>
    public async Task<Result<bool>> DeleteGroupAsync(AuditActor actor, string? group, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = await FindGroupAsync(db, group, cancellationToken);
        if (target is null)
            return false;
        var memberships = await db.Set<DirectoryMembership>().AsTracking()
            .Where(m => m.GroupId == target.Id || m.MemberGroupId == target.Id).ToListAsync(cancellationToken);
        db.RemoveRange(memberships);
        db.Remove(target);
        audit.Record(db, actor, new AuditEvent("directory_group.deleted", "directory_group", Id(target.Id),
            OldValues: new { group = target.Name, memberships = memberships.Count }));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<Result<DirectoryMembership>> AddMembershipAsync(
        IpSolisDbContext db, AuditActor actor, DirectoryMembership membership, DirectoryGroup target, string member, CancellationToken cancellationToken)
    {
        db.Add(membership);
        audit.Record(db, actor, new AuditEvent("directory_group.member_added", "directory_group", Id(target.Id),
            NewValues: new { group = target.Name, member }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return AlreadyMember(member, target.Name);
        }

        return membership;
    }

    private static Task<DirectoryGroup?> FindGroupAsync(IpSolisDbContext db, string? name, CancellationToken cancellationToken)
    {
        var key = NormalizeGroupName(name);
        return db.Set<DirectoryGroup>().AsNoTracking().SingleOrDefaultAsync(g => g.NormalizedName == key, cancellationToken);
    }

    /// <summary>Trims and lower-cases <paramref name="details"/> and checks every field on its own.</summary>
    internal static DirectoryEntry Clean(DirectoryEntry details, out List<DomainError> errors)
    {
        errors = [];
        var email = (details.Email ?? "").Trim().ToLowerInvariant();
        if (!IsEmail(email))
            errors.Add(new DomainError("directory_person.email_invalid", "Enter a valid email address (name@example.com, at most 320 characters).", "email"));
        var name = (details.DisplayName ?? "").Trim();
        if (name.Length == 0)
            errors.Add(new DomainError("directory_person.display_name_required", "Enter the person's name.", "displayName"));
        else if (name.Length > 200 || name.Any(char.IsControl))
            errors.Add(new DomainError("directory_person.display_name_invalid", "A name has at most 200 characters and no control characters.", "displayName"));
        var username = Optional(details.Username)?.ToLowerInvariant();
        if (username is not null && !UsernamePattern().IsMatch(username))
            errors.Add(new DomainError("directory_person.username_invalid", "A username has 1–128 characters: letters a–z, digits and . _ -.", "username"));
        var manager = Optional(details.ManagerEmail)?.ToLowerInvariant();
        if (manager is not null && !IsEmail(manager))
            errors.Add(new DomainError("directory_person.manager_invalid", "Enter the manager's email address.", "managerEmail"));
        else if (manager is not null && manager == email)
            errors.Add(new DomainError("directory_person.manager_self", "A person cannot be their own manager.", "managerEmail"));

        var clean = new DirectoryEntry(email, name)
        {
            Username = username,
            ManagerEmail = manager,
            Department = Checked(details.Department, 200, "department", errors),
            CostCenter = Checked(details.CostCenter, 100, "costCenter", errors),
            Title = Checked(details.Title, 200, "title", errors),
            Company = Checked(details.Company, 200, "company", errors),
            EmployeeId = Checked(details.EmployeeId, 64, "employeeId", errors),
            IsActive = details.IsActive,
        };
        return clean;
    }

    internal static bool IsEmail(string email) => email.Length <= 320 && !email.Any(char.IsControl) && EmailPattern().IsMatch(email);

    private static async Task CheckReferencesAsync(IpSolisDbContext db, DirectoryEntry clean, long? self, List<DomainError> errors, CancellationToken cancellationToken)
    {
        if (errors.Any(e => e.Field == "email"))
            return;
        var people = db.Set<DirectoryPerson>().AsNoTracking();
        if (self is null && await people.AnyAsync(p => p.Email == clean.Email, cancellationToken))
            errors.Add(new DomainError("directory_person.name_taken", $"Someone with the email '{clean.Email}' is already in the directory.", "email"));
        if (clean.Username is { } username && !errors.Any(e => e.Field == "username")
            && await people.AnyAsync(p => p.Username == username && p.Id != (self ?? 0), cancellationToken))
            errors.Add(new DomainError("directory_person.name_taken", $"The username '{username}' is already taken.", "username"));
        if (clean.ManagerEmail is { } manager && !errors.Any(e => e.Field == "managerEmail")
            && !await people.AnyAsync(p => p.Email == manager, cancellationToken))
            errors.Add(new DomainError("directory_person.manager_not_in_directory", $"The manager '{manager}' is not in the directory; add them first.", "managerEmail"));
    }

    private static async Task<Result<DirectoryEntry>> SaveAsync(IpSolisDbContext db, DirectoryEntry clean, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // Lost a race with another change: same answer as the check above would have given.
            return new DomainError("directory_person.name_taken", $"The email '{clean.Email}' or the username is already taken.", "email");
        }

        return clean;
    }

    private static object Values(DirectoryEntry e) => new
    {
        e.Email, e.DisplayName, e.Username, e.ManagerEmail, e.Department, e.CostCenter, e.Title, e.Company, e.EmployeeId, e.IsActive,
    };

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Checked(string? value, int maximum, string field, List<DomainError> errors)
    {
        var trimmed = Optional(value);
        if (trimmed is not null && (trimmed.Length > maximum || trimmed.Any(char.IsControl)))
            errors.Add(new DomainError($"directory_person.{SnakeCase(field)}_invalid", $"{field} has at most {maximum} characters and no control characters.", field));
        return trimmed;
    }

    private static string SnakeCase(string field) => string.Concat(field.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : c.ToString()));

    private static DomainError GroupNameTaken(string name) =>
        new("directory_group.name_taken", $"A group named '{name}' already exists.", "name");

    private static DomainError AlreadyMember(string member, string group) =>
        new("directory_membership.conflict", $"'{member}' is already a direct member of '{group}'.", "member");

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    // Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail server's business.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[a-z0-9._-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}
