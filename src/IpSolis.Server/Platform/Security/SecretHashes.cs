using System.Security.Cryptography;
using System.Text;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// SHA-256 of high-entropy secrets (session secrets, API tokens): enough to store them, since nobody can guess a
/// 256-bit random value from its hash, and fast enough to look them up on every request.
/// </summary>
public static class SecretHashes
{
    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A random 256-bit secret in URL-safe base64 (43 characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Compares two strings in time independent of where they differ (and of their content).</summary>
    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
