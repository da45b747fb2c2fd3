using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace IpSolis.Server.Platform.Security;

/// <summary>Opens keys sealed by <see cref="KeyRingSeal"/>; created by the data-protection system by type name.</summary>
public sealed class KeyRingUnseal(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var secret = KeyRingSeal.SecretFrom(services.GetRequiredService<IConfiguration>())
            ?? throw new InvalidOperationException("API_SECRET_KEY is needed to read the data-protection keys.");
        return KeyRingSeal.Open(encryptedElement, secret);
    }
}
