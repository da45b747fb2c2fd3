using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Audit;

/// <summary><c>ipsolis audit verify</c> as an operator runs it: exit 0 and the row count when intact, exit 1 naming
/// the first bad row when rows were edited, deleted, reordered or truncated directly in the database.</summary>
public sealed class AuditVerifyCommandTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        await AuditWriter.WriteAsync(_factory.Services, 10);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task<(int ExitCode, IpSolisProcess Process)> VerifyAsync() =>
        IpSolisProcess.RunAsync(_factory.Database.Directory, _factory.Database.EnvironmentVariables(), "audit", "verify");

    [Fact]
    public async Task IntactLog_ExitsZeroWithTheRowCount()
    {
        var (exitCode, process) = await VerifyAsync();

        exitCode.Should().Be(0, process.AllOutput);
        process.StandardOutput.Should().Contain("audit log intact: 10 rows");
    }

    [Theory]
    [InlineData("edit", "sequence 3", "hash mismatch")]
    [InlineData("delete", "sequence 5", "gap")]
    [InlineData("reorder", "sequence 5", "reordered")]
    [InlineData("truncate", "after sequence 7", "truncated")]
    public async Task TamperedLog_ExitsOneNamingTheFirstBadRow(string tampering, string where, string why)
    {
        await DirectSql.TamperAsync(_factory.Database, AuditTampering.Statements(tampering));

        var (exitCode, process) = await VerifyAsync();

        exitCode.Should().Be(1, process.AllOutput);
        var report = process.StandardOutput.Should().ContainSingle(l => l.StartsWith("audit log BROKEN at ", StringComparison.Ordinal)).Which;
        report.Should().Contain(where).And.Contain(why);
        if (tampering != "truncate")
            report.Should().MatchRegex(@"row id \d+ \(");
    }
}
