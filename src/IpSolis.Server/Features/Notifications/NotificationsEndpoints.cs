using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Notifications;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// <c>/api/v1/admin/notifications</c> (the delivery log: read for helpdesk and up, resend for admins),
/// <c>/api/v1/admin/notification-templates</c>, and the page actions of <c>/ui/notifications</c>: resend (PRG) and
/// the sandboxed previews the pages show in a frame.
/// </summary>
public static class NotificationsEndpoints
{
    public const string PagePath = "/ui/notifications";

    public const string TemplatesPath = "/ui/notifications/templates";

    // A preview is mail HTML: inline styles allowed, nothing else, no script (sandbox), framed only by our own pages.
    private const string PreviewPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https: http:; frame-ancestors 'self'; sandbox";

    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        var log = api.MapGroup("/admin/notifications").WithTags("Notifications");
        log.MapGet("", async (string? status, string? recipient, int? limit, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                NotificationStatus? parsed = null;
                if (!string.IsNullOrEmpty(status))
                {
                    if (!WireName<NotificationStatus>.TryParse(status, out var value))
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"Use one of {string.Join(", ", WireName<NotificationStatus>.All)}."] });
                    parsed = value;
                }

                await using var db = await contexts.CreateDbContextAsync(ct);
                var rows = await NotificationLog.LoadAsync(db, parsed, recipient, Math.Clamp(limit ?? 100, 1, 500), ct);
                return Results.Json(rows.Select(Describe));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk)
            .WithSummary("The most recent outbox messages (newest first), optionally by status and recipient substring.");
        log.MapGet("/{id:long}", async (long id, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var message = await db.Set<NotificationMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
                return message is null ? NotFound(id) : Results.Json(new { summary = Describe(message), message.HtmlBody, message.TextBody });
            })
            .RequireAuthorization(AdminPolicies.Helpdesk)
            .WithSummary("One outbox message with its rendered HTML and text.");
        log.MapPost("/{id:long}/resend", async (long id, NotificationActions actions, IActorAccessor actors, CancellationToken ct) =>
                await actions.ResendAsync(id, actors.Current, ct) ? Results.Accepted() : NotFound(id))
            .RequireAuthorization(AdminPolicies.Admin)
            .WithSummary("Queues the message again with fresh attempts.");

        var templates = api.MapGroup("/admin/notification-templates").WithTags("Notifications");
        templates.MapGet("", async (NotificationTemplates store, CancellationToken ct) =>
                Results.Json((await store.ListAsync(ct)).Select(t => new
                {
                    key = t.Definition.Key, culture = t.Culture, name = t.Definition.Name, recipients = t.Definition.Recipients,
                    variables = t.Definition.Variables, subject = t.Text.Subject, body = t.Text.Body, active = t.IsActive, edited = t.IsEdited,
                })))
            .RequireAuthorization(AdminPolicies.Helpdesk)
            .WithSummary("Every template in English and German as it applies now (edited or built in), with its variables.");
        templates.MapPut("/{key}/{culture}", async (string key, string culture, TemplateEdit edit, NotificationTemplates store, IActorAccessor actors, CancellationToken ct) =>
            {
                if (BuiltInTemplates.Find(key) is not { } definition || !NotificationTemplates.Cultures.Contains(culture))
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such template", detail: $"There is no template {key} in '{culture}'.");
                var errors = await store.SaveAsync(definition, culture, edit.Subject ?? "", edit.Body ?? "", edit.Active ?? true, actors.Current, ct);
                return errors.Count == 0
                    ? Results.NoContent()
                    : Results.ValidationProblem(errors.GroupBy(e => e.Field ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: "The template was not saved.");
            })
            .RequireAuthorization(AdminPolicies.Admin)
            .WithSummary("Saves a template's subject, body and active flag (checked: only its variables, values always escaped). Audited.");

        // Page actions. Antiforgery is validated because they bind form fields.
        app.MapPost(PagePath + "/{id:long}/resend", async (long id, [FromForm] string? back, NotificationActions actions, IActorAccessor actors, CancellationToken ct) =>
            {
                var done = await actions.ResendAsync(id, actors.Current, ct);
                var target = back == "detail" ? $"{PagePath}/{id}" : PagePath;
                return Results.Redirect($"{target}?done={(done ? "resent" : "missing")}&id={id}");
            })
            .RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();

        app.MapGet(PagePath + "/{id:long}/preview", async (long id, HttpContext context, IDbContextFactory<IpSolisDbContext> contexts, CancellationToken ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var message = await db.Set<NotificationMessage>().AsNoTracking().Where(m => m.Id == id)
                    .Select(m => new { m.HtmlBody, m.TextBody }).FirstOrDefaultAsync(ct);
                if (message is null)
                    return Results.NotFound();
                return Preview(context, message.HtmlBody ?? $"<pre>{System.Net.WebUtility.HtmlEncode(message.TextBody)}</pre>");
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).ExcludeFromDescription();

        app.MapGet(TemplatesPath + "/{key}/{culture}/preview", async (string key, string culture, HttpContext context, NotificationTemplates store, TemplatePreview preview, CancellationToken ct) =>
            {
                if (BuiltInTemplates.Find(key) is not { } definition || !NotificationTemplates.Cultures.Contains(culture))
                    return Results.NotFound();
                var template = await store.GetAsync(definition, culture, ct);
                return Preview(context, await preview.RenderAsync(definition, culture, template.Text, ct));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).ExcludeFromDescription();

        // The editor's Preview button posts the unsaved text here, into the preview frame: nothing is stored.
        app.MapPost(TemplatesPath + "/{key}/{culture}/preview", async (string key, string culture, [FromForm(Name = "Edit.Subject")] string? subject, [FromForm(Name = "Edit.Body")] string? body,
                HttpContext context, TemplatePreview preview, CancellationToken ct) =>
            {
                if (BuiltInTemplates.Find(key) is not { } definition || !NotificationTemplates.Cultures.Contains(culture))
                    return Results.NotFound();
                var errors = NotificationTemplates.Check(definition, subject ?? "", body ?? "");
                if (errors.Count > 0)
                {
                    var list = string.Concat(errors.Select(e => $"<li>{System.Net.WebUtility.HtmlEncode(e.Message)}</li>"));
                    return Preview(context, $"<!DOCTYPE html><html><body style=\"font-family:sans-serif;color:#991b1b\"><p>The preview cannot be shown:</p><ul>{list}</ul></body></html>");
                }

                return Preview(context, await preview.RenderAsync(definition, culture, new TemplateText(subject!, body!), ct));
            })
            .RequireAuthorization(AdminPolicies.Helpdesk).ExcludeFromDescription();
    }

    private static IResult Preview(HttpContext context, string html)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = PreviewPolicy;
        headers.XFrameOptions = "SAMEORIGIN";
        headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult NotFound(long id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such notification", detail: $"There is no notification {id}.");

    private static object Describe(NotificationMessage m) => new
    {
        id = m.Id,
        channel = WireName<NotificationChannel>.Of(m.Channel),
        template = m.TemplateKey,
        culture = m.Culture,
        recipient = m.Recipient,
        subject = m.Subject,
        status = WireName<NotificationStatus>.Of(m.Status),
        attempts = m.Attempts,
        lastError = m.LastError,
        serverAnswer = m.ServerAnswer,
        reference = m.Reference,
        createdAt = m.CreatedAt,
        sentAt = m.SentAt,
        attachments = m.AttachmentsJson is not null,
    };

    /// <summary>The body of <c>PUT /api/v1/admin/notification-templates/{key}/{culture}</c>.</summary>
    public sealed record TemplateEdit(string? Subject, string? Body, bool? Active);

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
