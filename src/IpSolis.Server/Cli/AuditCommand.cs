using System.CommandLine;
using System.Diagnostics;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Cli;

/// <summary><c>ipsolis audit verify</c>: walks the audit hash chain; exit 0 when intact, 1 at the first bad row.</summary>
internal static class AuditCommand
{
    // Below this many rows a run takes about a second: progress lines would only be noise.
    private const long ProgressThreshold = 50_000;

    public static Command Create()
    {
        var verify = new Command("verify", "Check that no audit row was edited, deleted, reordered or truncated. Exit code 1 names the first bad row.");
        verify.SetAction((_, cancellationToken) => VerifyAsync(cancellationToken));
        return new Command("audit", "Work with the tamper-evident audit log.") { verify };
    }

    private static async Task<int> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var app = CommandOutput.BuildValidated([]);
        if (app is null)
            return CommandOutput.Failure;

        var verifier = app.Services.GetRequiredService<AuditChainVerifier>();
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        AuditVerification result;
        try
        {
            result = await verifier.VerifyAsync((done, total) =>
            {
                if (total < ProgressThreshold || clock.Elapsed - lastReport < TimeSpan.FromSeconds(1))
                    return;
                lastReport = clock.Elapsed;
                Console.Error.WriteLine($"verified {done:N0} of {total:N0} rows ({100.0 * done / Math.Max(total, 1):0}%)");
            }, cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return CommandOutput.Fail($"cannot reach the database: {ex.GetBaseException().Message}");
        }
        catch (InvalidOperationException ex)
        {
            return CommandOutput.Fail(ex.Message);
        }

        if (result.Break is { } broken)
        {
            Console.WriteLine($"audit log BROKEN at {broken.Describe()}");
            Console.WriteLine($"{result.RowCount} row(s) before it verified.");
            return CommandOutput.Failure;
        }

        Console.WriteLine($"audit log intact: {result.RowCount} rows");
        return CommandOutput.Success;
    }
}
