using System.Security.Cryptography;
using System.Text;
using IpSolis.Server.Platform.Security;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Settings;

/// <summary>
/// Encrypts secret settings at rest with AES-256-GCM under a key derived (HKDF-SHA256) from <c>API_SECRET_KEY</c>.
/// Stored form: <c>enc:v1:</c> + base64(nonce ‖ ciphertext ‖ tag). The version names the key derivation, so a
/// later one can be added beside it and old values re-encrypted when next saved. The setting's key is bound as
/// associated data: a ciphertext copied to another setting does not decrypt.
/// </summary>
public sealed class SettingSecretProtector
{
    public const string Prefix = "enc:v1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("ipsolis/settings/secret/v1");
    private static readonly byte[] Salt = Encoding.UTF8.GetBytes("ipsolis-settings");

    private readonly Lazy<byte[]> _key;

    public SettingSecretProtector(IOptions<SecurityOptions> security)
    {
        _key = new(() =>
        {
            var secret = security.Value.ApiSecretKey;
            if (string.IsNullOrWhiteSpace(secret))
                throw new InvalidOperationException("API_SECRET_KEY is not set: secret settings cannot be encrypted.");
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, Salt, Info);
        });
    }

    public string Protect(string settingKey, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(settingKey));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plaintext, or null when the value does not decrypt (wrong <c>API_SECRET_KEY</c>, or altered).</summary>
    public string? Unprotect(string settingKey, string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length < NonceSize + TagSize)
            return null;
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(_key.Value, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(settingKey));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(plain);
    }
}
