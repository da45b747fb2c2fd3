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
}
