using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using Npgsql;

namespace IpSolis.Server.Tests.Audit;

/// <summary>
/// PostgreSQL's guard triggers: audit rows cannot be updated, deleted or truncated, and the chain head cannot be
/// moved back, except by the retention function. These run on the test PostgreSQL cluster in both provider runs
/// (the triggers exist only there).
/// </summary>
public sealed class AuditGuardTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(TestEnvironment.PostgresAdmin);
        _factory = await IpSolisFactory.CreateAsync(database: database);
        await AuditWriter.WriteAsync(_factory.Services, 3);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("UPDATE audit_log SET action = 'x'", "UPDATE")]
    [InlineData("DELETE FROM audit_log WHERE sequence = 1", "DELETE")]
    [InlineData("TRUNCATE audit_log", "TRUNCATE")]
    [InlineData("UPDATE audit_chain_head SET last_sequence = 1", "UPDATE")]
    [InlineData("UPDATE audit_chain_head SET anchor_sequence = 2", "UPDATE")]
    [InlineData("DELETE FROM audit_chain_head", "DELETE")]
    [InlineData("TRUNCATE audit_chain_head", "TRUNCATE")]
    public async Task ChangingAuditRowsOutsideRetention_IsRefused(string sql, string operation)
    {
        var change = () => DirectSql.ExecuteAsync(_factory.Database, sql);

        var refusal = await change.Should().ThrowAsync<PostgresException>();
        refusal.Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        refusal.Which.MessageText.Should().Contain(operation).And.Contain("refused");
        (await DirectSql.ScalarAsync<long>(_factory.Database, "SELECT count(*) FROM audit_log")).Should().Be(3);
        (await _factory.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(null, CancellationToken.None)).Intact.Should().BeTrue();
    }

    [Fact]
    public async Task TheRetentionFunction_IsTheWayThrough()
    {
        await DirectSql.ExecuteAsync(_factory.Database, "SELECT ipsolis_audit_retain(2)");

        (await DirectSql.ScalarAsync<long>(_factory.Database, "SELECT count(*) FROM audit_log")).Should().Be(1);
        (await DirectSql.ScalarAsync<string>(_factory.Database, "SELECT coalesce(current_setting('ipsolis.audit_retention', true), '')"))
            .Should().NotBe("on", "the flag is transaction-local");
        var result = await _factory.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(null, CancellationToken.None);
        result.Intact.Should().BeTrue(result.Break?.Describe());
        result.RowCount.Should().Be(1);
    }
}
