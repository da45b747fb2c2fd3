using System.Collections.Concurrent;
using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using System.Security.Cryptography;
using IpSolis.Server.Features.Directory;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>
/// Service-account connections to the directory, opened on demand, bound once and reused: at most
/// <see cref="LdapConfiguration.MaxConnections"/> exist at a time and a request waits (up to the timeout) for a free
/// one, so a burst of lookups never opens hundreds of connections. A connection that fails is dropped, and an idle
/// one the server closed is replaced once transparently. A changed configuration starts a new set; the old set's
/// connections are closed as they come back. Failures to reach or bind become <see cref="DirectoryUnavailableException"/>
/// with a message that names the cause, never the password.
/// </summary>
public sealed partial class LdapConnections(ILogger<LdapConnections> logger, LdapMetrics? metrics = null) : IDisposable
{
    private readonly Lock _lock = new();
    private Pool? _pool;

    /// <summary>
    /// Runs <paramref name="operation"/> on a bound service-account connection (on a pool thread: the LDAP client
    /// blocks). The whole call is bounded by <see cref="Deadline"/>: the client's own timeouts do not cover a server
    /// that accepts the connection and then never answers. A call that overruns keeps its connection slot until the
    /// blocked client call returns, so a hung server ties up at most <see cref="LdapConfiguration.MaxConnections"/>
    /// threads and later callers fail fast.
    /// </summary>
    public async Task<T> RunAsync<T>(LdapConfiguration configuration, Func<LdapConnection, T> operation, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = LdapMetrics.Refused;
        try
        {
            var result = await RunPooledAsync(configuration, operation, cancellationToken);
            outcome = LdapMetrics.Ok;
            return result;
        }
        catch (DirectoryUnavailableException)
        {
            outcome = LdapMetrics.Unavailable;
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = LdapMetrics.Cancelled;
            throw;
        }
        finally
        {
            metrics?.Called(outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<T> RunPooledAsync<T>(LdapConfiguration configuration, Func<LdapConnection, T> operation, CancellationToken cancellationToken)
    {
        var pool = PoolFor(configuration);
        if (!await pool.Slots.WaitAsync(configuration.Timeout, cancellationToken))
            throw new DirectoryUnavailableException($"The directory at {configuration.Address} did not answer: all {configuration.MaxConnections} connections stayed busy for {configuration.Timeout.TotalSeconds:0} s.");
        var releaseSlot = true;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var reused = pool.Idle.TryTake(out var idle);
                var holder = new ConnectionHolder { Connection = idle };
                var work = Task.Run(() =>
                {
                    holder.Connection ??= Open(configuration, configuration.BindDn, configuration.BindPassword);
                    return operation(holder.Connection);
                }, CancellationToken.None);
                try
                {
                    var result = await work.WaitAsync(Deadline(configuration), cancellationToken);
                    Return(pool, holder.Connection!);
                    return result;
                }
                catch (Exception) when (!work.IsCompleted)
                {
                    // Timed out or the caller gave up while the client is still blocked: let it finish in the background.
                    releaseSlot = false;
                    _ = work.ContinueWith(_ =>
                    {
                        holder.Connection?.Dispose();
                        pool.Slots.Release();
                    }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new DirectoryUnavailableException($"The directory at {configuration.Address} did not answer within {Deadline(configuration).TotalSeconds:0} s.");
                }
                catch (LdapException ex) when (reused && attempt == 1)
                {
                    // The server closed an idle connection (restart, idle timeout): one fresh attempt.
                    holder.Connection?.Dispose();
                    LogReconnect(logger, configuration.Address, ex.ErrorCode);
                }
                catch (LdapException ex)
                {
                    holder.Connection?.Dispose();
                    throw Unavailable(configuration, ex);
                }
                catch (DirectoryOperationException ex) when (IsOutage(ex.Response?.ResultCode))
                {
                    holder.Connection?.Dispose();
                    throw new DirectoryUnavailableException($"The directory at {configuration.Address} is unavailable ({ex.Response?.ResultCode}).", ex);
                }
                catch
                {
                    holder.Connection?.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            if (releaseSlot)
                pool.Slots.Release();
        }
    }

    /// <summary>
    /// Opens a connection and binds as <paramref name="dn"/> within <see cref="Deadline"/>, for a person's own
    /// sign-in bind and the connection test (never pooled). A bind that overruns is abandoned and its connection
    /// closed when the client call returns.
    /// </summary>
    public static async Task<LdapConnection> OpenBoundedAsync(LdapConfiguration configuration, string dn, string password, CancellationToken cancellationToken)
    {
        var work = Task.Run(() => Open(configuration, dn, password), CancellationToken.None);
        try
        {
            return await work.WaitAsync(Deadline(configuration), cancellationToken);
        }
        catch (Exception) when (!work.IsCompleted)
        {
            _ = work.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully)
                    t.Result.Dispose();
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            throw new DirectoryUnavailableException($"The directory at {configuration.Address} did not answer within {Deadline(configuration).TotalSeconds:0} s.");
        }
    }

    /// <summary>The most one call may take: connecting, binding and a search each get the timeout, with slack for paging.</summary>
    public static TimeSpan Deadline(LdapConfiguration configuration) => configuration.Timeout * 2;

    /// <summary>
    /// Opens a connection and binds as <paramref name="dn"/>. Used for the service account and, unpooled, for a
    /// person's own sign-in bind. Throws <see cref="LdapException"/> (invalid credentials: error code 49).
    /// </summary>
    public static LdapConnection Open(LdapConfiguration configuration, string dn, string password)
    {
        var identifier = new LdapDirectoryIdentifier(configuration.Host, configuration.Port, fullyQualifiedDnsHostName: true, connectionless: false);
        var connection = new LdapConnection(identifier, new NetworkCredential(dn, password), AuthType.Basic)
        {
            Timeout = configuration.Timeout,
            AutoBind = false,
        };
        try
        {
            var options = connection.SessionOptions;
            options.ProtocolVersion = 3;
            // Referrals would send the service account's credentials to whatever server the referral names.
            options.ReferralChasing = ReferralChasingOptions.None;
            if (configuration.CaFile is { } caFile)
            {
                // Windows validates against its own certificate store; the file is how Linux (libldap) is told.
                if (OperatingSystem.IsWindows())
                    throw new DirectoryUnavailableException("The CA certificate file setting works on Linux; on Windows import the CA into the machine's trusted root store and leave the setting blank.");
                options.TrustedCertificatesDirectory = CaDirectory(caFile);
                options.StartNewTlsSessionContext();
            }

            if (configuration.Ldaps)
                options.SecureSocketLayer = true;
            if (configuration.StartTls)
            {
                // On Linux, StartTLS on a connection that has not talked yet fails with "server unavailable"
                // (dotnet/runtime#96988): an anonymous read of the root DSE opens it first. Nothing secret is sent
                // before the TLS handshake, and the handshake verifies the certificate like LDAPS.
                try
                {
                    connection.SendRequest(new SearchRequest("", "(objectClass=*)", SearchScope.Base, "1.1"), configuration.Timeout);
                }
                catch (DirectoryOperationException)
                {
                    // A server that refuses anonymous reads still opened the connection, which is all this is for.
                }

                options.StartTransportLayerSecurity(null);
            }
            connection.Bind();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Words an LDAP client failure for operators: what went wrong, never the password.</summary>
    public static DirectoryUnavailableException Unavailable(LdapConfiguration configuration, LdapException ex)
    {
        var detail = ex.ServerErrorMessage is { Length: > 0 } server ? $" ({server.Trim()})" : "";
        var message = ex.ErrorCode switch
        {
            49 => $"The directory at {configuration.Address} refused the service account {configuration.BindDn}: wrong DN or password{detail}.",
            81 or 91 or -1 when configuration.Ldaps || configuration.StartTls =>
                $"The directory at {configuration.Address} cannot be reached, or its TLS certificate is not trusted (check the CA certificate file){detail}.",
            81 or 91 => $"The directory at {configuration.Address} cannot be reached{detail}.",
            85 => $"The directory at {configuration.Address} did not answer within {configuration.Timeout.TotalSeconds:0} s.",
            52 or 51 => $"The directory at {configuration.Address} is busy or unavailable{detail}.",
            _ => $"The directory at {configuration.Address} failed: {ex.Message}{detail}.",
        };
        return new DirectoryUnavailableException(message, ex);
    }

    private static bool IsOutage(ResultCode? code) => code is ResultCode.Busy or ResultCode.Unavailable or ResultCode.TimeLimitExceeded or ResultCode.AdminLimitExceeded;

    private Pool PoolFor(LdapConfiguration configuration)
    {
        lock (_lock)
        {
            if (_pool is { } current && current.Configuration == configuration)
                return current;
            var old = _pool;
            _pool = new Pool(configuration);
            old?.Retire();
            return _pool;
        }
    }

    private void Return(Pool pool, LdapConnection connection)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_pool, pool) || pool.Retired)
            {
                connection.Dispose();
                return;
            }

            pool.Idle.Add(connection);
        }
    }

    /// <summary>
    /// The CA file copied into a private directory of its own: the LDAP client (libldap over GnuTLS) takes a
    /// directory of trusted certificates, and this way it trusts exactly the configured file.
    /// </summary>
    private static string CaDirectory(string caFile)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(caFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DirectoryUnavailableException($"The CA certificate file {caFile} cannot be read: {ex.Message}", ex);
        }

        var directory = Path.Combine(Path.GetTempPath(), "ipsolis-ldap-ca-" + Convert.ToHexStringLower(SHA256.HashData(content))[..16]);
        var target = Path.Combine(directory, "ca.pem");
        if (!File.Exists(target))
        {
            Directory.CreateDirectory(directory);
            var temporary = Path.Combine(directory, $".ca-{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, target, overwrite: true);
        }

        return directory;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _pool?.Retire();
            _pool = null;
        }
    }

    private sealed class ConnectionHolder
    {
        public LdapConnection? Connection { get; set; }
    }

    private sealed class Pool(LdapConfiguration configuration)
    {
        public LdapConfiguration Configuration { get; } = configuration;

        public SemaphoreSlim Slots { get; } = new(configuration.MaxConnections, configuration.MaxConnections);

        public ConcurrentBag<LdapConnection> Idle { get; } = [];

        public bool Retired { get; private set; }

        public void Retire()
        {
            Retired = true;
            while (Idle.TryTake(out var connection))
                connection.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An idle connection to {Address} failed (LDAP error {Code}); reconnecting once")]
    private static partial void LogReconnect(ILogger logger, string address, int code);
}
