using System.Diagnostics;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Backups;

/// <summary><c>ipsolis backup create|list|restore</c> as an operator runs them: exit codes, one clear message on
/// failure, plain progress lines when stderr is not a terminal.</summary>
public sealed class BackupCommandTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Dictionary<string, string?> _environment = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await IpSolisFactory.MigrateAsync(_database);
        // One secret for every invocation: the backups' key ring is sealed with it.
        _environment = _database.EnvironmentVariables();
        _environment["IPSOLIS_Backups__DrainSeconds"] = "0";
        if (_database.IsPostgres)
            _environment["IPSOLIS_Backups__PostgresBinDirectory"] = TestEnvironment.PostgresBin;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private string BackupDirectory => Path.Combine(_database.Directory, "data", "backups");

    private Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync("", args);

    [Fact]
    public async Task CreateListRestore_ExitZero_WithProgressLinesAndResults()
    {
        var (created, createProcess) = await RunAsync("backup", "create");
        created.Should().Be(0, createProcess.AllOutput);
        createProcess.StandardOutput.Should().Contain(l => l.StartsWith("created ", StringComparison.Ordinal) && l.Contains(".ipsbak"));
        createProcess.StandardError.Should().Contain(l => l.Contains("% Copying the database"), "progress is plain lines when stderr is not a terminal");
        var name = Path.GetFileName(Directory.GetFiles(BackupDirectory, "*.ipsbak").Single());

        var (listed, listProcess) = await RunAsync("backup", "list");
        listed.Should().Be(0, listProcess.AllOutput);
        listProcess.StandardOutput.Should().Contain(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains("schema"));

        var (restored, restoreProcess) = await RunAsync("backup", "restore", name);
        restored.Should().Be(0, restoreProcess.AllOutput);
        restoreProcess.StandardOutput.Should().Contain(l => l.StartsWith($"restored {name}", StringComparison.Ordinal) && l.Contains("pre-restore"));
        restoreProcess.StandardError.Should().Contain(l => l.Contains("% Verifying the audit chain"));
    }

    [Fact]
    public async Task Restore_MissingFile_ExitsOneWithOneMessage()
    {
        var (exitCode, process) = await RunAsync("backup", "restore", "/nowhere/ipsolis-20260101T000000Z.ipsbak");

        exitCode.Should().Be(1, process.AllOutput);
        process.StandardError.Should().Contain("ipsolis: There is no backup file /nowhere/ipsolis-20260101T000000Z.ipsbak.");
    }

    [Fact]
    public async Task Restore_TamperedOrWrongPassphrase_ExitsOneNamingTheReason()
    {
        var (created, createProcess) = await RunWithInputAsync("secret words\n", "backup", "create", "--passphrase-stdin");
        created.Should().Be(0, createProcess.AllOutput);
        var encrypted = Directory.GetFiles(BackupDirectory, "*.ipsbak").Single();
        var (plain, plainProcess) = await RunAsync("backup", "create");
        plain.Should().Be(0, plainProcess.AllOutput);
        var unencrypted = Directory.GetFiles(BackupDirectory, "*.ipsbak").Single(f => f != encrypted);
        var tampered = Path.Combine(_database.Directory, "ipsolis-29990101T000000Z.ipsbak");
        await ArchiveSurgery.RewriteAsync(unencrypted, tampered, (name, data) =>
        {
            if (name == "manifest.json")
                return data;
            var copy = data.ToArray();
            copy[^1] ^= 0x01;
            return copy;
        });

        var (wrong, wrongProcess) = await RunWithInputAsync("other words\n", "backup", "restore", encrypted, "--passphrase-stdin");
        var (missing, missingProcess) = await RunAsync("backup", "restore", encrypted);
        var (damaged, damagedProcess) = await RunAsync("backup", "restore", tampered);

        wrong.Should().Be(1, wrongProcess.AllOutput);
        wrongProcess.StandardError.Should().Contain("ipsolis: The passphrase is wrong: the backup cannot be decrypted with it.");
        missing.Should().Be(1, missingProcess.AllOutput);
        missingProcess.StandardError.Should().Contain("ipsolis: The backup is encrypted: give its passphrase.");
        damaged.Should().Be(1, damagedProcess.AllOutput);
        damagedProcess.StandardError.Should().Contain(l => l.StartsWith("ipsolis: The checksum of ", StringComparison.Ordinal) && l.Contains("corrupted"));
        Directory.GetFiles(BackupDirectory, "*pre-restore*").Should().BeEmpty("a refused restore takes no safety backup and changes nothing");

        var (right, rightProcess) = await RunWithInputAsync("secret words\n", "backup", "restore", encrypted, "--passphrase-stdin");
        right.Should().Be(0, rightProcess.AllOutput);
    }

    private async Task<CliRun> RunWithInputAsync(string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _database.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestEnvironment.BinDirectory, "ipsolis.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("IPSOLIS_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k is "DATABASE_URL" or "API_SECRET_KEY" or "ADMIN_API_KEY" or "DOTNET_ENVIRONMENT").ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in _environment)
            start.Environment[key] = value;

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries), (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record CliRun(int ExitCode, string[] StandardOutput, string[] StandardError)
    {
        public string AllOutput => string.Join('\n', StandardOutput) + "\n" + string.Join('\n', StandardError);

        public void Deconstruct(out int exitCode, out CliRun run)
        {
            exitCode = ExitCode;
            run = this;
        }
    }
}
