using IpSolis.Server.Platform.Data;
using Npgsql;

namespace IpSolis.Server.Tests.Observability;

/// <summary>Load shedding tells PostgreSQL's pool running dry apart from other database failures.</summary>
public sealed class DatabaseErrorsTests
{
    [Fact]
    public void IsPoolExhausted_NpgsqlPoolTimeout_EvenWrappedByEf_IsTrue()
    {
        var exhausted = new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 20) or 'Timeout' (currently 15 seconds) in your connection string.", new TimeoutException());

        DatabaseErrors.IsPoolExhausted(exhausted).Should().BeTrue();
        DatabaseErrors.IsPoolExhausted(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", exhausted)).Should().BeTrue();
    }

    [Fact]
    public void IsPoolExhausted_OtherFailures_IsFalse()
    {
        DatabaseErrors.IsPoolExhausted(new NpgsqlException("Failed to connect to 127.0.0.1:5432")).Should().BeFalse();
        DatabaseErrors.IsPoolExhausted(new TimeoutException("The connection pool has been exhausted")).Should().BeFalse();
    }
}
