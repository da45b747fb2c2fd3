using System.Diagnostics;

namespace IpSolis.Server.Tests.Observability;

/// <summary>Runs Debian's <c>promtool</c> (package <c>prometheus</c>, installed by scripts/test.sh).</summary>
internal static class Promtool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, string? input = null)
    {
        var start = new ProcessStartInfo("promtool")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
            await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
