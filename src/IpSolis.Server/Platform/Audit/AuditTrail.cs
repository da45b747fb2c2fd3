using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// Adds audit rows to the caller's context with the time taken now; the chain position and hashes are filled in
/// by <see cref="AuditChainInterceptor"/> when the caller saves.
/// </summary>
internal sealed class AuditTrail(TimeProvider time) : IAuditTrail
{
    public static readonly IReadOnlySet<string> Classifications = new HashSet<string>(StringComparer.Ordinal) { "internal", "pii", "phi", "pci" };

    // Readable old/new values: letters of any script stay as they are (HTML-sensitive characters are still escaped).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static long _recorded;

    public void Record(IpSolisDbContext db, AuditActor actor, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.Action);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.EntityType);
        if (!Classifications.Contains(auditEvent.Classification))
            throw new ArgumentException($"Unknown audit classification '{auditEvent.Classification}' (internal, pii, phi or pci).", nameof(auditEvent));

        db.Add(new AuditEntry
        {
            OccurredAt = AuditRowHash.ToStoredPrecision(time.GetUtcNow()),
            Actor = Truncate(actor.Id, 300),
            Action = auditEvent.Action,
            EntityType = auditEvent.EntityType,
            EntityId = auditEvent.EntityId is null ? null : Truncate(auditEvent.EntityId, 200),
            OldValues = Serialize(auditEvent.OldValues),
            NewValues = Serialize(auditEvent.NewValues),
            Classification = auditEvent.Classification,
            ClientIp = actor.ClientIp is null ? null : Truncate(actor.ClientIp, 64),
            RecordedOrder = Interlocked.Increment(ref _recorded),
        });
    }

    private static string? Serialize(object? values) => values switch
    {
        null => null,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(values, values.GetType(), Json),
    };

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
