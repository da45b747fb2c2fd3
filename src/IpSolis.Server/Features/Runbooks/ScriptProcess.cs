using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// Runs one script with a configured interpreter in a session of its own (<c>setsid</c>), so a timeout or a cancel
/// kills the whole process group — children and daemonised grandchildren included — and anything the script left
/// running in the background is killed when it ends. Parameters are passed as environment variables and as a JSON
/// file (<c>IPSOLIS_PARAMS_FILE</c>), never in the script's text or its command line. The script does not inherit
/// the server's environment (which holds the deployment secret and database URL): it gets PATH, a private HOME and
/// TMPDIR, and its parameters.
/// </summary>
public sealed partial class ScriptProcess(IOptions<RunbookOptions> options, ILogger<ScriptProcess> logger)
{
    private const int SigKill = 9;

    /// <summary>The executable a configured interpreter resolves to on this node, or null (with why) when it is not usable.</summary>
    public string? Resolve(string interpreter, out string? problem)
    {
        problem = null;
        if (!options.Value.Interpreters.TryGetValue(interpreter, out var executable))
        {
            problem = $"The interpreter '{interpreter}' is not configured (Runbooks:Interpreters has {string.Join(", ", options.Value.Interpreters.Keys)}).";
            return null;
        }

        var found = Path.IsPathFullyQualified(executable)
            ? (File.Exists(executable) ? executable : null)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, executable)).FirstOrDefault(File.Exists);
        if (found is null)
            problem = $"The interpreter '{interpreter}' ({executable}) is not installed on this node; the module cannot run here.";
        return found;
    }

    /// <summary>Runs <paramref name="content"/> to its end, its timeout, or cancellation; each output line goes to <paramref name="onLine"/> as it arrives.</summary>
    public async Task<ScriptExecution> RunAsync(
        string interpreter, string content, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> context,
        TimeSpan timeout, Action<string> onLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(onLine);
        if (Resolve(interpreter, out var problem) is not { } executable)
            return new ScriptExecution(null, "", "", false, false, problem);

        var root = string.IsNullOrEmpty(options.Value.WorkDirectory) ? Path.GetTempPath() : options.Value.WorkDirectory;
        var work = Path.Combine(root, "ipsolis-step-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
            System.IO.Directory.CreateDirectory(work);
        else
            System.IO.Directory.CreateDirectory(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var extension = interpreter switch { "pwsh" => ".ps1", "python3" => ".py", _ => ".sh" };
            var script = Path.Combine(work, "script" + extension);
            var parametersFile = Path.Combine(work, "parameters.json");
            await File.WriteAllTextAsync(script, content, cancellationToken);
            await File.WriteAllTextAsync(parametersFile, JsonSerializer.Serialize(parameters), cancellationToken);

            var start = new ProcessStartInfo("setsid")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = work,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add(executable);
            foreach (var argument in RunbookOptions.ArgumentsFor(interpreter))
                start.ArgumentList.Add(argument);
            start.ArgumentList.Add(script);
            start.Environment.Clear();
            start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
            start.Environment["HOME"] = work;
            start.Environment["TMPDIR"] = work;
            start.Environment["LANG"] = "C.UTF-8";
            start.Environment["IPSOLIS_PARAMS_FILE"] = parametersFile;
            foreach (var (key, value) in context)
                start.Environment[key] = value;
            foreach (var (key, value) in parameters)
                start.Environment[key] = value;

            using var process = new Process { StartInfo = start };
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            var max = options.Value.MaxLogBytes;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lock (stdout)
                    Append(stdout, e.Data, max);
                onLine(e.Data);
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lock (stderr)
                    Append(stderr, e.Data, 8192);
                onLine("stderr: " + e.Data);
            };

            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return new ScriptExecution(null, "", "", false, false, $"The script could not start: {ex.Message}");
            }

            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var timer = new CancellationTokenSource(timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
            var timedOut = false;
            var cancelled = false;
            try
            {
                await process.WaitForExitAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
                cancelled = !timedOut;
                LogKilled(logger, process.Id, timedOut ? "timeout" : "cancel");
            }

            // Whatever happened, nothing of the script outlives its step: kill its process group.
            KillGroup(process);
            using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                try
                {
                    await process.WaitForExitAsync(drain.Token);
                }
                catch (OperationCanceledException)
                {
                    // The stream readers may still hold a pipe a killed grandchild had open; the outcome is known.
                }
            }

            string output, errors;
            lock (stdout)
                output = stdout.ToString();
            lock (stderr)
                errors = stderr.ToString();
            return new ScriptExecution(timedOut || cancelled ? null : process.ExitCode, output, errors, timedOut, cancelled);
        }
        finally
        {
            try
            {
                System.IO.Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A killed process may still be releasing a file; the directory is private and temporary.
            }
        }
    }

    private static void KillGroup(Process process)
    {
        try
        {
            // setsid made the interpreter a session and group leader: its pid is the group id.
            _ = Kill(-process.Id, SigKill);
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void Append(StringBuilder text, string line, int max)
    {
        text.Append(line).Append('\n');
        if (text.Length > max)
            text.Remove(0, text.Length - max);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Script process group {ProcessId} killed ({Reason})")]
    private static partial void LogKilled(ILogger logger, int processId, string reason);
}
