using System.Collections.Concurrent;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Features.Backups;

/// <summary>
/// Runs backups and restores started from the page in the background on the node that received the request, and
/// keeps their progress for the page to show. Not a durable queued job on purpose: its input may hold a passphrase,
/// which must never be written to the job table, and a restore replaces that very table. One operation at a time.
/// </summary>
public sealed partial class BackupOperations(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<BackupOperations> logger)
{
    private readonly ConcurrentDictionary<string, BackupOperation> _operations = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _single = new(1, 1);

    public IReadOnlyList<BackupOperation> Recent() => [.. _operations.Values.OrderByDescending(o => o.StartedAt).Take(10)];

    public BackupOperation? Running() => _operations.Values.FirstOrDefault(o => !o.Finished);

    /// <summary>Starts a backup; null when another operation runs.</summary>
    public BackupOperation? StartBackup(string? passphrase, AuditActor actor) =>
        Start("backup", null, actor, (backups, progress, ct) => Outcome(backups.CreateAsync(Backups.ManualTrigger, passphrase, actor, progress, ct),
            v => $"Backup {v.Name} created ({v.SizeBytes:N0} bytes)."));

    /// <summary>Starts a restore of <paramref name="path"/>; null when another operation runs.</summary>
    public BackupOperation? StartRestore(string path, string? passphrase, AuditActor actor) =>
        Start("restore", Path.GetFileName(path), actor, (backups, progress, ct) => Outcome(backups.RestoreAsync(path, passphrase, actor, progress, ct),
            v => $"Restored {v.Restored}; the previous state is in {v.SafetyBackup}." + (v.MigrationsApplied.Count > 0 ? $" Applied {v.MigrationsApplied.Count} migration(s)." : "")));

    private BackupOperation? Start(string kind, string? file, AuditActor actor,
        Func<Backups, Action<BackupProgress>, CancellationToken, Task<(bool, string)>> work)
    {
        if (!_single.Wait(0))
            return null;
        var id = Guid.NewGuid().ToString("N")[..12];
        var operation = new BackupOperation(id, kind, file, actor.Id, time.GetUtcNow(), 0, "Starting", false, false, null);
        _operations[id] = operation;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var backups = scope.ServiceProvider.GetRequiredService<Backups>();
                var (ok, message) = await work(backups, p => _operations[id] = _operations[id] with { Percent = p.Percent, Step = p.Step }, lifetime.ApplicationStopping);
                _operations[id] = _operations[id] with { Finished = true, Succeeded = ok, Percent = ok ? 100 : _operations[id].Percent, Message = message };
            }
            catch (Exception ex)
            {
                LogOperationFailed(logger, ex, kind);
                _operations[id] = _operations[id] with { Finished = true, Succeeded = false, Message = $"The {kind} stopped: {ex.Message}" };
            }
            finally
            {
                _single.Release();
            }
        });
        return operation;
    }

    public BackupOperation? Find(string id) => _operations.GetValueOrDefault(id);

    private static async Task<(bool, string)> Outcome<T>(Task<IpSolis.Domain.Result<T>> running, Func<T, string> success)
    {
        var result = await running;
        return result.Succeeded ? (true, success(result.Value)) : (false, string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} started from the page failed")]
    private static partial void LogOperationFailed(ILogger logger, Exception exception, string kind);
}
