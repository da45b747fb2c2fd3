using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Seals data-protection keys with AES-256-GCM under a key derived (HKDF-SHA256) from <c>API_SECRET_KEY</c>, so a
/// copy of the database alone cannot forge antiforgery tokens or read protected payloads.
/// </summary>
public sealed class KeyRingSeal(string apiSecretKey) : IXmlEncryptor
{
    internal const string ElementName = "ipsolisSealed";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key = DeriveKey(apiSecretKey);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var output = new byte[NonceBytes + TagBytes + plain.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceBytes));
        using (var aes = new AesGcm(_key, TagBytes))
            aes.Encrypt(output.AsSpan(0, NonceBytes), plain, output.AsSpan(NonceBytes + TagBytes), output.AsSpan(NonceBytes, TagBytes));
        return new EncryptedXmlInfo(new XElement(ElementName, new XAttribute("version", "1"), Convert.ToBase64String(output)), typeof(KeyRingUnseal));
    }

    /// <summary><c>API_SECRET_KEY</c> as configured (null when unset; configuration validation reports that).</summary>
    internal static string? SecretFrom(IConfiguration configuration) =>
        configuration[$"{SecurityOptions.Section}:{nameof(SecurityOptions.ApiSecretKey)}"] is { Length: > 0 } secret ? secret : null;

    internal static XElement Open(XElement sealedElement, string apiSecretKey)
    {
        var input = Convert.FromBase64String(sealedElement.Value);
        if (input.Length < NonceBytes + TagBytes)
            throw new CryptographicException("The sealed data-protection key is truncated.");
        var plain = new byte[input.Length - NonceBytes - TagBytes];
        using (var aes = new AesGcm(DeriveKey(apiSecretKey), TagBytes))
            aes.Decrypt(input.AsSpan(0, NonceBytes), input.AsSpan(NonceBytes + TagBytes), input.AsSpan(NonceBytes, TagBytes), plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }

    private static byte[] DeriveKey(string apiSecretKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(apiSecretKey), 32,
            salt: Encoding.UTF8.GetBytes("ipsolis"), info: Encoding.UTF8.GetBytes("data-protection key ring v1"));
}
