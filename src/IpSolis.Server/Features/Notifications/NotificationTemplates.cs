using IpSolis.Domain;
using IpSolis.Domain.Notifications;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// The templates in effect: an operator's saved edit where there is one, else the built-in text. Saving checks the
/// text (only the event's variables, escaping never switched off, valid Handlebars) and is audited; resetting
/// deletes the edit.
/// </summary>
public sealed class NotificationTemplates(IDbContextFactory<IpSolisDbContext> contexts, IAuditTrail audit, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Cultures = ["en", "de"];

    /// <summary>The template in effect for <paramref name="key"/> in <paramref name="culture"/>, read on <paramref name="db"/>.</summary>
    public static async Task<EffectiveTemplate> FindAsync(IpSolisDbContext db, TemplateDefinition definition, string culture, CancellationToken cancellationToken)
    {
        var edited = await db.Set<NotificationTemplate>().AsNoTracking()
            .FirstOrDefaultAsync(t => t.Key == definition.Key && t.Culture == culture, cancellationToken);
        return edited is null
            ? new EffectiveTemplate(definition, culture, definition.In(culture), true, null)
            : new EffectiveTemplate(definition, culture, new TemplateText(edited.Subject, edited.Body), edited.IsActive, edited);
    }

    public async Task<IReadOnlyList<EffectiveTemplate>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var edited = await db.Set<NotificationTemplate>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. BuiltInTemplates.All.SelectMany(d => Cultures.Select(c =>
            edited.FirstOrDefault(e => e.Key == d.Key && e.Culture == c) is { } row
                ? new EffectiveTemplate(d, c, new TemplateText(row.Subject, row.Body), row.IsActive, row)
                : new EffectiveTemplate(d, c, d.In(c), true, null)))];
    }

    public async Task<EffectiveTemplate> GetAsync(TemplateDefinition definition, string culture, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await FindAsync(db, definition, culture, cancellationToken);
    }

    /// <summary>The problems of an edit (empty when it can be saved), each naming its field (<c>subject</c>, <c>body</c>).</summary>
    public static IReadOnlyList<DomainError> Check(TemplateDefinition definition, string subject, string body)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(subject))
            errors.Add(new DomainError("template.subject_required", "Enter a subject.", "subject"));
        else if (subject.Length > 500)
            errors.Add(new DomainError("template.subject_too_long", "The subject can be at most 500 characters long.", "subject"));
        if (string.IsNullOrWhiteSpace(body))
            errors.Add(new DomainError("template.body_required", "Enter a body.", "body"));
        else if (body.Length > 100_000)
            errors.Add(new DomainError("template.body_too_long", "The body can be at most 100,000 characters long.", "body"));
        errors.AddRange(TemplatePlaceholders.Check(subject, definition.Variables, "subject"));
        errors.AddRange(TemplatePlaceholders.Check(body, definition.Variables, "body"));
        if (errors.Count == 0)
        {
            if (MailRenderer.CompileError(subject) is { } subjectError)
                errors.Add(new DomainError("template.syntax", subjectError, "subject"));
            if (MailRenderer.CompileError(body) is { } bodyError)
                errors.Add(new DomainError("template.syntax", bodyError, "body"));
        }

        return errors;
    }

    public async Task<IReadOnlyList<DomainError>> SaveAsync(TemplateDefinition definition, string culture, string subject, string body, bool active, AuditActor actor, CancellationToken cancellationToken)
    {
        var errors = Check(definition, subject, body);
        if (errors.Count > 0)
            return errors;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Set<NotificationTemplate>().FirstOrDefaultAsync(t => t.Key == definition.Key && t.Culture == culture, cancellationToken);
        var old = row is null ? definition.In(culture) : new TemplateText(row.Subject, row.Body);
        var oldActive = row?.IsActive ?? true;
        if (old.Subject == subject && old.Body == body && oldActive == active)
            return [];
        if (row is null)
        {
            row = new NotificationTemplate { Key = definition.Key, Culture = culture, Subject = subject, Body = body, UpdatedBy = actor.Id };
            db.Add(row);
        }

        row.Subject = subject;
        row.Body = body;
        row.IsActive = active;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = actor.Id;
        audit.Record(db, actor, new AuditEvent("notification_template.changed", "notification_template", $"{definition.Key}/{culture}",
            new { subject = old.Subject, body = old.Body, active = oldActive },
            new { subject, body, active }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>Goes back to the built-in text. False when the template was not edited.</summary>
    public async Task<bool> ResetAsync(TemplateDefinition definition, string culture, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Set<NotificationTemplate>().FirstOrDefaultAsync(t => t.Key == definition.Key && t.Culture == culture, cancellationToken);
        if (row is null)
            return false;
        db.Remove(row);
        audit.Record(db, actor, new AuditEvent("notification_template.reset", "notification_template", $"{definition.Key}/{culture}",
            new { subject = row.Subject, body = row.Body, active = row.IsActive }, new { builtIn = true }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
