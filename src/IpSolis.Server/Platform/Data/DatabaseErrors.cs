using System.Data.Common;
using System.Net.Sockets;

namespace IpSolis.Server.Platform.Data;

/// <summary>Tells an unreachable or refusing database apart from a bug.</summary>
public static class DatabaseErrors
{
    public static bool IsUnavailable(Exception exception) =>
        exception is DbException or SocketException or TimeoutException
        || exception.GetBaseException() is DbException or SocketException or TimeoutException
        || exception is InvalidOperationException { InnerException: DbException or SocketException or TimeoutException };

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) is PostgreSQL's connection pool running dry: a request
    /// waited the pool's timeout for a connection and got none.
    /// </summary>
    public static bool IsPoolExhausted(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException && e.Message.Contains("pool has been exhausted", StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }
}
