using System.Diagnostics;

namespace IpSolis.Server.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster of its own, for tests that stop and start the server. initdb refuses to run as
/// root, so as root the binaries run as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Password = "cluster-test-password";

    private PostgresCluster(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Timeout=3;Command Timeout=5";

    public static async Task<PostgresCluster> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ipsolis-pg-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(directory);
        var passwordFile = Path.Combine(directory, "pw");
        await File.WriteAllTextAsync(passwordFile, Password);
        if (IsRoot)
            await RunAsync("chown", "-R", "postgres:postgres", directory);

        await RunPostgresAsync("initdb", "-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=scram-sha-256",
            "--pwfile=" + passwordFile, "-E", "UTF8", "--no-sync");
        var cluster = new PostgresCluster(directory, IpSolisProcess.FreePort());
        await cluster.StartServerAsync();
        return cluster;
    }

    public Task StartServerAsync() => RunPostgresAsync("pg_ctl", "-D", Path.Combine(Directory, "data"), "-w", "-t", "30",
        "-l", Path.Combine(Directory, "server.log"),
        "-o", $"-p {Port} -k {Directory} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", "start");

    public Task StopServerAsync() => RunPostgresAsync("pg_ctl", "-D", Path.Combine(Directory, "data"), "-w", "-t", "30", "-m", "fast", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static Task RunPostgresAsync(string tool, params string[] args)
    {
        var path = Path.Combine(TestEnvironment.PostgresBin, tool);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
    }
}
