using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IpSolis.Server.Tests.Data;

/// <summary>
/// On PostgreSQL a node prepares the statements it repeats and keeps them across pooled connection uses
/// (<see cref="DatabaseOptions.PreparedStatements"/>); an operator behind a transaction-mode pooler turns it off, and a
/// connection string that sets its own preparation keeps it. The last test runs on the test PostgreSQL cluster in both
/// provider runs.
/// </summary>
public sealed class PreparedStatementsTests
{
    [Theory]
    [InlineData("postgres://ipsolis:secret@db.example:5432/ipsolis")]
    [InlineData("Host=db.example;Database=ipsolis;Username=ipsolis;Password=secret")]
    public void ByDefault_PostgresConnectionsPrepareAndKeepTheirStatements(string url)
    {
        var builder = Resolve(new DatabaseOptions { Url = url });

        builder.MaxAutoPrepare.Should().Be(DatabaseConnection.PreparedStatementsPerConnection);
        builder.NoResetOnClose.Should().BeTrue("a reset on return to the pool would discard the prepared statements");
    }

    [Fact]
    public void TurnedOff_ConnectionsPrepareNothingAndAreResetAsNpgsqlDoes()
    {
        var builder = Resolve(new DatabaseOptions { Url = "postgres://ipsolis:secret@db.example/ipsolis", PreparedStatements = false });

        builder.MaxAutoPrepare.Should().Be(0);
        builder.NoResetOnClose.Should().BeFalse();
    }

    [Fact]
    public void AConnectionStringsOwnPreparation_IsKept()
    {
        var builder = Resolve(new DatabaseOptions { Url = "postgres://ipsolis:secret@db.example/ipsolis?Max%20Auto%20Prepare=7" });

        builder.MaxAutoPrepare.Should().Be(7);
        builder.NoResetOnClose.Should().BeFalse("the operator chose the connection's behaviour; only the product's own default changes it");
    }

    [Fact]
    public async Task OnPostgres_AStatementRunRepeatedly_IsPreparedOnTheServer()
    {
        await using var database = await TestDatabase.CreateAsync(TestEnvironment.PostgresAdmin);
        await using var factory = await IpSolisFactory.CreateAsync(database: database);
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();

        for (var run = 0; run < 6; run++)
            await db.Set<Order>().CountAsync(o => o.RequesterEmail == "someone@example.com");

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM orders%requester_email%'", connection);
        var prepared = (long)(await command.ExecuteScalarAsync())!;
        prepared.Should().Be(1, "the count ran often enough for automatic preparation, on this session");
    }

    private static NpgsqlConnectionStringBuilder Resolve(DatabaseOptions options)
    {
        var (connection, problem) = DatabaseConnection.Resolve(options);
        problem.Should().BeNull();
        return new NpgsqlConnectionStringBuilder(connection!.ConnectionString);
    }
}
