using System.CommandLine;
using IpSolis.Server.Features.Backups;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Cli;

/// <summary>
/// <c>ipsolis backup create|list|restore FILE</c>. A passphrase is read from the first line of standard input
/// (<c>--passphrase-stdin</c>), never from the command line. Progress goes to stderr: a bar on a terminal, one line
/// per step otherwise.
/// </summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var createStdin = new Option<bool>("--passphrase-stdin") { Description = "Encrypt with a passphrase read from the first line of standard input." };
        var create = new Command("create", "Back up the database and the sealed key ring into one file in the backup directory.") { createStdin };
        create.SetAction((result, ct) => CreateAsync(result.GetValue(createStdin), ct));

        var list = new Command("list", "List the backups in the backup directory, newest first.");
        list.SetAction((_, ct) => ListAsync(ct));

        var file = new Argument<string>("FILE") { Description = "The backup file: a path, or a file name in the backup directory." };
        var restoreStdin = new Option<bool>("--passphrase-stdin") { Description = "Read the backup's passphrase from the first line of standard input." };
        var restore = new Command("restore", "Restore a backup: maintenance mode on, safety backup, restore, migrate, audit chain verified, maintenance mode off.") { file, restoreStdin };
        restore.SetAction((result, ct) => RestoreAsync(result.GetValue(file)!, result.GetValue(restoreStdin), ct));

        return new Command("backup", "Take, list and restore backups.") { create, list, restore };
    }

    private static async Task<int> CreateAsync(bool passphraseStdin, CancellationToken cancellationToken)
    {
        var (passphrase, problem) = await ReadPassphraseAsync(passphraseStdin, cancellationToken);
        if (problem is not null)
            return CommandOutput.Fail(problem);
        await using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;

        var backups = app.Services.GetRequiredService<Backups>();
        try
        {
            var bar = new ProgressOutput();
            var result = await backups.CreateAsync(Backups.ManualTrigger, passphrase, AuditActor.System("cli"), bar.Report, cancellationToken);
            bar.Finish();
            if (!result.Succeeded)
                return CommandOutput.Fail(result.Errors.Select(e => e.Message));
            Console.WriteLine($"created {result.Value.FullPath} ({result.Value.SizeBytes:N0} bytes{(result.Value.Encrypted ? ", encrypted" : "")})");
            return CommandOutput.Success;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return CommandOutput.Fail($"cannot reach the database: {ex.GetBaseException().Message}");
        }
    }

    private static async Task<int> ListAsync(CancellationToken cancellationToken)
    {
        await using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;
        var backups = app.Services.GetRequiredService<Backups>();
        var list = await backups.ListAsync(cancellationToken);
        Console.WriteLine($"Backup directory: {backups.Directory}");
        if (list.Count == 0)
        {
            Console.WriteLine("No backups.");
            return CommandOutput.Success;
        }

        foreach (var backup in list)
        {
            var what = backup.Manifest is { } m ? $"{m.Provider}, schema {m.SchemaVersion}, {m.Trigger}" : backup.Encrypted ? "encrypted" : "unreadable";
            Console.WriteLine($"{backup.Name}  {backup.CreatedAt:yyyy-MM-dd HH:mm:ss}Z  {backup.SizeBytes,14:N0} bytes  {what}");
        }

        return CommandOutput.Success;
    }

    private static async Task<int> RestoreAsync(string file, bool passphraseStdin, CancellationToken cancellationToken)
    {
        var (passphrase, problem) = await ReadPassphraseAsync(passphraseStdin, cancellationToken);
        if (problem is not null)
            return CommandOutput.Fail(problem);
        await using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;

        var backups = app.Services.GetRequiredService<Backups>();
        // A bare file name means one in the backup directory.
        var path = File.Exists(file) || file.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) ? Path.GetFullPath(file) : backups.PathOf(file) ?? Path.GetFullPath(file);
        try
        {
            var bar = new ProgressOutput();
            var result = await backups.RestoreAsync(path, passphrase, AuditActor.System("cli"), bar.Report, cancellationToken);
            bar.Finish();
            if (!result.Succeeded)
                return CommandOutput.Fail(result.Errors.Select(e => e.Message));
            var restored = result.Value;
            Console.WriteLine($"restored {restored.Restored}; audit log intact ({restored.AuditRows} rows); the previous state is in {restored.SafetyBackup}");
            if (restored.MigrationsApplied.Count > 0)
                Console.WriteLine($"applied {restored.MigrationsApplied.Count} migration(s): {string.Join(", ", restored.MigrationsApplied)}");
            return CommandOutput.Success;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return CommandOutput.Fail($"cannot reach the database: {ex.GetBaseException().Message}");
        }
    }

    private static async Task<(string? Passphrase, string? Problem)> ReadPassphraseAsync(bool fromStdin, CancellationToken cancellationToken)
    {
        if (!fromStdin)
            return (null, null);
        var line = (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
        return string.IsNullOrEmpty(line) ? (null, "--passphrase-stdin was given but standard input holds no passphrase.") : (line, null);
    }

    /// <summary>A bar redrawn in place on a terminal; one line per step when stderr is a file or a pipe.</summary>
    private sealed class ProgressOutput
    {
        private const int Width = 30;
        private readonly bool _terminal = !Console.IsErrorRedirected;
        private readonly Lock _lock = new();
        private string? _lastStep;
        private bool _drawn;

        public void Report(BackupProgress progress)
        {
            lock (_lock)
            {
                if (_terminal)
                {
                    var filled = Math.Clamp(progress.Percent, 0, 100) * Width / 100;
                    var line = $"\r[{new string('#', filled)}{new string('-', Width - filled)}] {progress.Percent,3}% {progress.Step}";
                    Console.Error.Write(line.PadRight(100));
                    _drawn = true;
                }
                else if (progress.Step != _lastStep)
                {
                    Console.Error.WriteLine($"{progress.Percent,3}% {progress.Step}");
                }

                _lastStep = progress.Step;
            }
        }

        public void Finish()
        {
            lock (_lock)
            {
                if (_drawn)
                    Console.Error.WriteLine();
            }
        }
    }
}
