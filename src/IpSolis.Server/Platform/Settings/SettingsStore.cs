using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Settings;

/// <summary>
/// Reads and changes runtime settings. Reads come from a snapshot kept for <see cref="CacheLifetime"/> (a save on
/// this node replaces it at once; other nodes see the change within that time). Saves check every value first and
/// write nothing unless all are valid; each change is audited with its old and new value, secrets masked, in the
/// same transaction.
/// </summary>
public sealed partial class SettingsStore(
    IDbContextFactory<IpSolisDbContext> contexts,
    SettingsCatalog catalog,
    SettingSecretProtector protector,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<SettingsStore> logger)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Cached? _cached;
    private long _generation;

    public async ValueTask<SettingsSnapshot> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh(Volatile.Read(ref _cached)) is { } snapshot)
            return snapshot;

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(Volatile.Read(ref _cached)) is { } loaded)
                return loaded;
            var generation = Interlocked.Read(ref _generation);
            var fresh = await LoadAsync(cancellationToken);
            // A save that finished while this load ran may not be in it: use it once, but do not keep it.
            if (Interlocked.Read(ref _generation) == generation)
                Volatile.Write(ref _cached, new Cached(fresh, time.GetUtcNow()));
            return fresh;
        }
        finally
        {
            _loading.Release();
        }
    }

    public async ValueTask<T> GetAsync<T>(SettingDefinition<T> definition, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Get(definition);

    /// <summary>
    /// Saves typed-in values by key. Null resets a setting to its default (and clears a secret); blank text resets
    /// a plain setting but keeps a secret as it is ("leave blank to keep").
    /// </summary>
    public async Task<SettingsSaveResult> SaveAsync(IReadOnlyDictionary<string, string?> values, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var changes = new List<(ISettingDefinition Definition, string? Value)>();
        foreach (var (key, text) in values)
        {
            if (catalog.Find(key) is not { } definition)
            {
                errors[key] = $"There is no setting '{key}'.";
                continue;
            }

            if (text is null)
            {
                changes.Add((definition, null));
                continue;
            }

            switch (definition.Kind)
            {
                case SettingKind.Upload:
                    errors[key] = $"{definition.Label} is uploaded as a file on the settings page.";
                    continue;
                case SettingKind.Secret when string.IsNullOrWhiteSpace(text):
                    continue;
                case SettingKind.Plain when string.IsNullOrWhiteSpace(text):
                    changes.Add((definition, null));
                    continue;
            }

            var input = definition.Check(text);
            if (input.IsValid)
                changes.Add((definition, input.Stored));
            else
                errors[key] = input.Error!;
        }

        if (errors.Count > 0)
            return new([], errors);
        return new(await WriteAsync(changes, actor, cancellationToken), errors);
    }

    /// <summary>Stores an uploaded logo (already checked by <see cref="BrandLogo.FromUpload"/>), or removes it when null.</summary>
    public async Task<SettingsSaveResult> SaveLogoAsync(BrandLogo? logo, AuditActor actor, CancellationToken cancellationToken = default) =>
        new(await WriteAsync([(GeneralSettings.Logo, logo?.ToStored())], actor, cancellationToken), new Dictionary<string, string>());

    /// <summary>Forgets the cached snapshot: the next read loads from the database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _cached, null);
    }

    private SettingsSnapshot? Fresh(Cached? cached) =>
        cached is not null && time.GetUtcNow() - cached.LoadedAt < CacheLifetime ? cached.Snapshot : null;

    private async Task<SettingsSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<Setting>().AsNoTracking().ToListAsync(cancellationToken);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Value is null)
                continue;
            if (!row.IsSecret)
            {
                values[row.Key] = row.Value;
                continue;
            }

            if (protector.Unprotect(row.Key, row.Value) is { } plain)
            {
                values[row.Key] = plain;
            }
            else
            {
                unreadable.Add(row.Key);
                LogUnreadableSecret(logger, row.Key);
            }
        }

        return new SettingsSnapshot(values, unreadable);
    }

    private async Task<IReadOnlyList<string>> WriteAsync(List<(ISettingDefinition Definition, string? Value)> changes, AuditActor actor, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
            return [];

        // Two nodes creating the same setting at once: the loser's insert fails on the key; its second attempt updates.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var changed = await TryWriteAsync(changes, actor, cancellationToken);
                Invalidate();
                return changed;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<IReadOnlyList<string>> TryWriteAsync(List<(ISettingDefinition Definition, string? Value)> changes, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = changes.Select(c => c.Definition.Key).ToList();
        var rows = await db.Set<Setting>().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        var now = time.GetUtcNow();
        var changed = new List<string>();
        foreach (var (definition, value) in changes)
        {
            var secret = definition.Kind == SettingKind.Secret;
            var row = rows.GetValueOrDefault(definition.Key);
            var old = row?.Value is null ? null : secret ? protector.Unprotect(definition.Key, row.Value) : row.Value;
            var oldPresent = row?.Value is not null;
            if (value is null ? !oldPresent : oldPresent && string.Equals(old, value, StringComparison.Ordinal))
                continue;

            if (value is null)
            {
                db.Remove(row!);
            }
            else
            {
                var stored = secret ? protector.Protect(definition.Key, value) : value;
                if (row is null)
                {
                    db.Add(new Setting { Key = definition.Key, Value = stored, IsSecret = secret, UpdatedAt = now, UpdatedBy = actor.Id });
                }
                else
                {
                    row.Value = stored;
                    row.IsSecret = secret;
                    row.UpdatedAt = now;
                    row.UpdatedBy = actor.Id;
                }
            }

            audit.Record(db, actor, new AuditEvent("setting.changed", "setting", definition.Key,
                OldValues: new { value = ForAudit(definition, oldPresent ? old ?? "" : null) },
                NewValues: new { value = ForAudit(definition, value) }));
            changed.Add(definition.Key);
        }

        if (changed.Count > 0)
            await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    private static string? ForAudit(ISettingDefinition definition, string? value) =>
        value is null ? null : definition.Kind == SettingKind.Secret ? AuditValues.Masked : definition.AuditText(value);

    private sealed record Cached(SettingsSnapshot Snapshot, DateTimeOffset LoadedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Secret setting {Key} does not decrypt with the current API_SECRET_KEY; it counts as unset until entered again")]
    private static partial void LogUnreadableSecret(ILogger logger, string key);
}
