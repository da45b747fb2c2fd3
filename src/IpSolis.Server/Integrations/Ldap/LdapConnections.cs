using System.Collections.Concurrent;
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
public sealed partial class LdapConnections(ILogger<LdapConnections> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private Pool? _pool;

    /// <summary>Runs <paramref name="operation"/> on a bound service-account connection (on a pool thread: the LDAP client blocks).</summary>
    public async Task<T> RunAsync<T>(LdapConfiguration configuration, Func<LdapConnection, T> operation, CancellationToken cancellationToken)
    {
        var pool = PoolFor(configuration);
        if (!await pool.Slots.WaitAsync(configuration.Timeout, cancellationToken))
            throw new DirectoryUnavailableException($"All {configuration.MaxConnections} connections to the directory stayed busy for {configuration.Timeout.TotalSeconds:0} s.");
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var reused = pool.Idle.TryTake(out var connection);
                try
                {
                    connection ??= await Task.Run(() => Open(configuration, configuration.BindDn, configuration.BindPassword), cancellationToken);
                    var result = await Task.Run(() => operation(connection), cancellationToken);
                    Return(pool, connection);
                    return result;
                }
                catch (LdapException ex) when (reused && attempt == 1)
                {
                    // The server closed an idle connection (restart, idle timeout): one fresh attempt.
                    connection?.Dispose();
                    LogReconnect(logger, configuration.Address, ex.ErrorCode);
                }
                catch (LdapException ex)
                {
                    connection?.Dispose();
                    throw Unavailable(configuration, ex);
                }
                catch (DirectoryOperationException ex) when (IsOutage(ex.Response?.ResultCode))
                {
                    connection?.Dispose();
                    throw new DirectoryUnavailableException($"The directory at {configuration.Address} is unavailable ({ex.Response?.ResultCode}).", ex);
                }
                catch
                {
                    connection?.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            pool.Slots.Release();
        }
    }

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
                options.StartTransportLayerSecurity(null);
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
