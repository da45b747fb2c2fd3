using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IpSolis.Server.Tests.Notifications;

/// <summary>
/// The real SMTP server scripts/test.sh starts (scripts/test-services/smtp.sh), or one a test starts itself on a
/// port of its choosing. Without test.sh's variables a test that needs it fails, naming what is missing: mail
/// delivery is never silently skipped.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Process? _process;

    private SmtpTestServer(string host, int port, string directory, Process? process)
    {
        Host = host;
        Port = port;
        Directory = directory;
        _process = process;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>Where the server writes one JSON file per received message.</summary>
    public string Directory { get; }

    /// <summary>The server test.sh runs for the whole test run.</summary>
    public static SmtpTestServer Shared()
    {
        var address = Required("IPSOLIS_TEST_SMTP");
        var directory = Required("IPSOLIS_TEST_SMTP_DIR");
        var (host, port) = address.Split(':') is [var h, var p] ? (h, int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)) : throw new InvalidOperationException($"IPSOLIS_TEST_SMTP must be host:port, got '{address}'.");
        return new SmtpTestServer(host, port, directory, null);
    }

    /// <summary>Starts a server of this test's own on <paramref name="port"/> (to bring a server "back" on a port that was down).</summary>
    public static async Task<SmtpTestServer> StartAsync(int port)
    {
        var python = Required("IPSOLIS_TEST_PYTHON");
        var script = Required("IPSOLIS_TEST_SMTP_SCRIPT");
        var directory = Path.Combine(Path.GetTempPath(), "ipsolis-smtp-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "--dir", directory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--parent-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP test server.");
        var portFile = Path.Combine(directory, "port");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!File.Exists(portFile))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The SMTP test server exited: {await process.StandardError.ReadToEndAsync()}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The SMTP test server did not start within 15 s.");
            await Task.Delay(50);
        }

        return new SmtpTestServer("127.0.0.1", port, directory, process);
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for the message(s) addressed to <paramref name="recipient"/> (envelope recipients, so blind copies count).</summary>
    public async Task<ReceivedMail> WaitForAsync(string recipient, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (Received(recipient).FirstOrDefault() is { } mail)
                return mail;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No mail to {recipient} arrived at {Host}:{Port} (files in {Directory}).");
            await Task.Delay(100);
        }
    }

    public IReadOnlyList<ReceivedMail> Received(string recipient) =>
        [.. System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal)
            .Select(f => ReceivedMail.Parse(File.ReadAllText(f)))
            .Where(m => m.RcptTos.Contains(recipient, StringComparer.OrdinalIgnoreCase))];

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the notification tests through scripts/test.sh, which starts the SMTP test server (scripts/test-services/smtp.sh).");
}
