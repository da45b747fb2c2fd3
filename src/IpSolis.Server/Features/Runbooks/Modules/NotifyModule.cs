using System.Text.Json;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Notifications;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary>
/// <c>notify.mail</c>: queues a templated mail through the notifications outbox (the template renders with every
/// value HTML-escaped; delivery retries on its own queue, so a slow mail server never holds the run).
/// </summary>
public sealed class NotifyModule(IDbContextFactory<IpSolisDbContext> contexts, NotificationOutbox outbox) : IRunbookModule
{
    public string Key => "notify.mail";

    public string Category => "Notify";

    public string Name => "Send a templated mail";

    public string Description => "Queues the mail template Template (a notification template key) to To (comma-separated emails) with Values (JSON object of template variables). Outputs the number of messages queued.";

    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("Template", ParameterType.String, Required: true),
        new("To", ParameterType.String, Required: true),
        new("Values", ParameterType.Json),
        new("Culture", ParameterType.String),
    ];

    public IReadOnlyList<string>? OutputsFor(IReadOnlyDictionary<string, string> parameters) => ["queued"];

    public async Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var template = step.Get("Template")!;
        if (BuiltInTemplates.Find(template) is null)
            return StepResult.Failure($"There is no mail template '{template}'.");
        var recipients = step.Get("To")!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(e => new NotificationRecipient(e)).ToList();
        if (recipients.Count == 0 || recipients.Any(r => !r.Email.Contains('@', StringComparison.Ordinal)))
            return StepResult.Failure("To must list one or more email addresses.");
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (step.Get("Values") is { Length: > 0 } json)
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return StepResult.Failure("Values must be a JSON object.");
            foreach (var item in document.RootElement.EnumerateObject())
                values[item.Name] = item.Value.ValueKind == JsonValueKind.String ? item.Value.GetString() : item.Value.GetRawText();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var messages = await outbox.EnqueueAsync(db, new NotificationRequest(template, recipients)
        {
            Culture = step.Get("Culture"),
            Values = values,
            Reference = $"runbook_run:{step.RunId}:{step.StepName}",
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        step.Log($"Queued {messages.Count} message(s) from template {template}.");
        return StepResult.Success(new Dictionary<string, string> { ["queued"] = messages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}
