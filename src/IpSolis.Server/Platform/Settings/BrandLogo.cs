using System.Security.Cryptography;

namespace IpSolis.Server.Platform.Settings;

/// <summary>
/// The uploaded logo. Only PNG and JPEG, recognised by their leading bytes rather than by the file name or the
/// browser's claimed type; SVG is refused because it can carry script. Stored as <c>image/png;base64,…</c>.
/// </summary>
public sealed record BrandLogo(string ContentType, byte[] Content)
{
    public const int MaxBytes = 512 * 1024;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];

    /// <summary>Short and stable: changes whenever the picture does (used as the ETag and cache-busting version).</summary>
    public string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(Content))[..16];

    /// <summary>The logo in <paramref name="content"/>, or why it cannot be one.</summary>
    public static (BrandLogo? Logo, string? Error) FromUpload(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
            return (null, "The logo file is empty.");
        if (content.Length > MaxBytes)
            return (null, $"The logo is {content.Length / 1024} KB; at most {MaxBytes / 1024} KB are allowed.");
        if (content.StartsWith(PngSignature))
            return (new BrandLogo("image/png", content.ToArray()), null);
        if (content.StartsWith(JpegSignature))
            return (new BrandLogo("image/jpeg", content.ToArray()), null);
        return (null, "The logo must be a PNG or JPEG image (SVG and other formats are not accepted).");
    }

    public string ToStored() => $"{ContentType};base64,{Convert.ToBase64String(Content)}";

    public static BrandLogo Read(string stored)
    {
        var separator = stored.IndexOf(";base64,", StringComparison.Ordinal);
        if (separator <= 0)
            throw new FormatException("Not a stored logo.");
        var (logo, _) = FromUpload(Convert.FromBase64String(stored[(separator + 8)..]));
        return logo ?? throw new FormatException("The stored logo is not a PNG or JPEG image.");
    }

    /// <summary>What the audit log shows instead of the picture itself.</summary>
    public static string? Describe(string? stored)
    {
        if (stored is null)
            return null;
        try
        {
            var logo = Read(stored);
            return $"{logo.ContentType}, {logo.Content.Length} bytes, sha256 {logo.Version}";
        }
        catch (FormatException)
        {
            return "(unreadable image)";
        }
    }
}
