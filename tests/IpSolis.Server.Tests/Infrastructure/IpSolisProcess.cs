using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IpSolis.Server.Tests.Infrastructure;

/// <summary>
/// A real <c>ipsolis</c> process (the build output copied beside the tests), for what only a process shows: exit
/// codes, stderr lines, signals, log output. Its working directory is a scratch directory, as an operator's would be.
/// </summary>
public sealed class IpSolisProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private IpSolisProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _stderr.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public IReadOnlyList<string> StandardOutput => [.. _stdout];

    public IReadOnlyList<string> StandardError => [.. _stderr];

    public string AllOutput => string.Join('\n', _stdout) + "\n" + string.Join('\n', _stderr);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static IpSolisProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestEnvironment.BinDirectory, "ipsolis.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        // Start from a clean slate: nothing from the test runner's environment decides how ipsolis is configured.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("IPSOLIS_", StringComparison.Ordinal)
                     || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
                     || k is "DATABASE_URL" or "API_SECRET_KEY" or "ADMIN_API_KEY" or "CORS_ORIGINS").ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start ipsolis.");
        process.StandardInput.Close();
        return new IpSolisProcess(process);
    }

    /// <summary>Runs a command to completion and returns its exit code.</summary>
    public static Task<(int ExitCode, IpSolisProcess Process)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
        => RunAsync(workingDirectory, environment, TimeSpan.FromSeconds(60), args);

    /// <summary>Runs a command to completion within <paramref name="timeout"/> and returns its exit code.</summary>
    public static async Task<(int ExitCode, IpSolisProcess Process)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] args)
    {
        var process = Start(workingDirectory, environment, args);
        await process.WaitForExitAsync(timeout);
        return (process.ExitCode, process);
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ipsolis did not exit within {timeout.TotalSeconds} s. Output:\n{AllOutput}");
        }

        // WaitForExitAsync returns before the redirected streams are drained; this waits for them.
        _process.WaitForExit();
    }

    /// <summary>Sends SIGTERM, as systemd, Docker and Kubernetes do to stop a service.</summary>
    public void Terminate() => SendSignal("TERM");

    public void KillHard() => SendSignal("KILL");

    private void SendSignal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {_process.Id}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears on stdout or stderr.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!AllOutput.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"'{text}' did not appear within {timeout.TotalSeconds} s. Output:\n{AllOutput}");
            await Task.Delay(25);
        }
    }

    /// <summary>
    /// How long a test waits for a child <c>serve</c> to answer: the unoptimized Debug build, started while the
    /// rest of the suite runs in parallel on two cores, has needed over 30 s (a CI run of session 7). The start-up
    /// target itself is measured on the published build by bench/startup.sh, not here.
    /// </summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Waits until <paramref name="url"/> answers 200, or fails with the process output.</summary>
    public async Task WaitUntilReadyAsync(string url, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"ipsolis exited with {_process.ExitCode} before it was ready. Output:\n{AllOutput}");
            try
            {
                using var response = await client.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} did not answer 200 within {timeout.TotalSeconds} s. Output:\n{AllOutput}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
