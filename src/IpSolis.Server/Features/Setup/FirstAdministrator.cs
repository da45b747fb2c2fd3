using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Setup;

/// <summary>
/// First run: while no administrator exists, anyone who reaches the console may create the first one (a
/// superadmin) and is signed in. Several forms submitted at once: the single <see cref="FirstAdministratorClaim"/>
/// row lets exactly one commit; the others are told to sign in.
/// </summary>
public sealed class FirstAdministrator(
    IDbContextFactory<IpSolisDbContext> contexts,
    PasswordHashing hashing,
    AdminSessions sessions,
    IAuditTrail audit,
    ClientAddress addresses,
    TimeProvider time,
    AccessPolicy access)
{
    public async Task<bool> IsNeededAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Set<AdminUser>().AnyAsync(cancellationToken);
    }

    public async Task<FirstRunOutcome> CreateAsync(string? username, string? password, string? confirmation, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var errors = new List<DomainError>();
        var name = AdminUsername.Normalize(username);
        errors.AddRange(name.Errors);
        if ((await access.PasswordsAsync(cancellationToken)).Check(password, confirmation ?? "") is { } problem)
            errors.Add(problem);
        if (errors.Count > 0)
            return new FirstRunOutcome(false, false, errors);
        if (!await IsNeededAsync(cancellationToken))
            return new FirstRunOutcome(false, true, []);

        var hash = await hashing.HashAsync(password!, cancellationToken);
        var now = time.GetUtcNow();
        var address = addresses.Of(context);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = new AdminUser
        {
            Username = name.Value,
            PasswordHash = hash,
            Role = AdminRole.Superadmin,
            CreatedAt = now,
            UpdatedAt = now,
            PasswordSetAt = now,
            LastSignInAt = now,
            CreatedBy = AuditActor.Anonymous(address).Id + ":first_run",
        };
        db.Add(new FirstAdministratorClaim { Username = user.Username, ClaimedAt = now });
        db.Add(user);
        var secret = await sessions.StartAsync(db, user, AdminSessions.PasswordMethod, context, address);
        var actor = AuditActor.Anonymous(address);
        audit.Record(db, actor, new AuditEvent("admin_user.created", "admin_user",
            NewValues: new { user.Username, role = AdminRoles.Name(user.Role), isActive = true, firstRun = true }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return new FirstRunOutcome(false, true, []);
        }

        await using (var followUp = await contexts.CreateDbContextAsync(cancellationToken))
        {
            audit.Record(followUp, AuditActor.AdminSession(user.Username, AdminRoles.Name(user.Role), address),
                new AuditEvent("auth.signed_in", "admin_user", user.Id.ToString(CultureInfo.InvariantCulture), NewValues: new { method = "first_run" }));
            await followUp.SaveChangesAsync(cancellationToken);
        }

        AdminSessions.WriteCookie(context, secret);
        return new FirstRunOutcome(true, false, []);
    }
}
