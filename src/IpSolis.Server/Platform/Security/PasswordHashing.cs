using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// PBKDF2-HMAC-SHA256 password hashes in the self-describing form <c>pbkdf2_sha256$&lt;iterations&gt;$&lt;salt hex&gt;$&lt;hash hex&gt;</c>:
/// raising <see cref="CurrentIterations"/> later still verifies old hashes and tells the caller to upgrade them.
/// Hashing costs a CPU core for a good fraction of a second, so it runs on the thread pool behind a semaphore sized
/// to the cores: a burst of sign-ins queues instead of starving request threads.
/// </summary>
public sealed class PasswordHashing
{
    public const int CurrentIterations = 600_000;
    private const string Algorithm = "pbkdf2_sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Hashes below this cost are refused outright: they were not made by us, and verifying them would be cheap to attack.
    private const int MinimumIterations = 1_000;
    private const int MaximumIterations = 10_000_000;

    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount), Math.Max(1, Environment.ProcessorCount));

    // A real hash of a random password, verified when the account does not exist so both paths cost the same.
    private readonly Lazy<string> _decoy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), CurrentIterations, RandomNumberGenerator.GetBytes(SaltBytes)));

    public string Decoy => _decoy.Value;

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Hash(password, CurrentIterations, RandomNumberGenerator.GetBytes(SaltBytes)), cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Checks <paramref name="password"/> against <paramref name="stored"/> in constant time.</summary>
    public async Task<PasswordCheck> VerifyAsync(string password, string stored, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Verify(password, stored), cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The hash for a given cost and salt; public for tests and for upgrading fixtures.</summary>
    public static string Hash(string password, int iterations, byte[] salt)
    {
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Algorithm}${iterations}${Convert.ToHexStringLower(salt)}${Convert.ToHexStringLower(hash)}");
    }

    private static PasswordCheck Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < MinimumIterations or > MaximumIterations)
            return PasswordCheck.Wrong;
        byte[] salt, expected;
        try
        {
            salt = Convert.FromHexString(parts[2]);
            expected = Convert.FromHexString(parts[3]);
        }
        catch (FormatException)
        {
            return PasswordCheck.Wrong;
        }

        if (salt.Length == 0 || expected.Length == 0)
            return PasswordCheck.Wrong;
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
            return PasswordCheck.Wrong;
        return iterations < CurrentIterations || salt.Length < SaltBytes ? PasswordCheck.CorrectButOutdated : PasswordCheck.Correct;
    }
}
