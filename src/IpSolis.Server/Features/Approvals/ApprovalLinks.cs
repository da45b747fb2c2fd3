using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IpSolis.Domain;
using IpSolis.Server.Platform.Security;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// Signed one-click approval links. A token names its purpose (<c>approval</c>), the approval row, the approver and
/// its expiry, and carries an HMAC-SHA256 over all of it with a key derived (HKDF) from the deployment secret for
/// this purpose only, so a token minted for anything else, or by anyone without the secret, never verifies. The
/// token is the credential: it is never logged (the request logger masks the <c>token</c> route value). A link
/// works once in effect: deciding needs a pending row, and a decided row stays decided.
/// </summary>
public sealed class ApprovalLinks
{
    public const string Purpose = "approval";

    private static readonly byte[] Salt = Encoding.UTF8.GetBytes("ipsolis-signed-links");
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("ipsolis/links/approval/v1");

    private readonly Lazy<byte[]> _key;

    public ApprovalLinks(IOptions<SecurityOptions> security)
    {
        ArgumentNullException.ThrowIfNull(security);
        _key = new(() =>
        {
            var secret = security.Value.ApiSecretKey;
            if (string.IsNullOrWhiteSpace(secret))
                throw new InvalidOperationException("API_SECRET_KEY is not set: approval links cannot be signed.");
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, Salt, Info);
        });
    }

    public string Issue(long approvalId, string approverEmail, DateTimeOffset expiresAt) =>
        Sign(Purpose, approvalId, approverEmail, expiresAt);

    /// <summary>A token for any purpose; only tests mint other purposes, to prove they are refused.</summary>
    internal string Sign(string purpose, long approvalId, string approverEmail, DateTimeOffset expiresAt)
    {
        var payload = string.Join('|', purpose, approvalId.ToString(CultureInfo.InvariantCulture),
            approverEmail.Trim().ToLowerInvariant(), expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var bytes = Encoding.UTF8.GetBytes(payload);
        return Base64Url(bytes) + "." + Base64Url(HMACSHA256.HashData(_key.Value, bytes));
    }

    /// <summary>The link the token grants, or why it grants nothing (tampered, other purpose, expired).</summary>
    public Result<ApprovalLink> Verify(string? token, DateTimeOffset now)
    {
        var invalid = new DomainError(InvalidCode, "This approval link is not valid. Open the approval from your inbox in the portal instead.");
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
            return invalid;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryBase64Url(token[..dot], out var payload) || !TryBase64Url(token[(dot + 1)..], out var signature))
            return invalid;
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key.Value, payload), signature))
            return invalid;
        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 4 || parts[0] != Purpose
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var approvalId)
            || !long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires))
        {
            return invalid;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        if (now >= expiresAt)
            return new DomainError(ExpiredCode, "This approval link has expired. Open the approval from your inbox in the portal instead.");
        return new ApprovalLink(approvalId, parts[2], expiresAt);
    }

    public const string InvalidCode = "approval_link.invalid";

    public const string ExpiredCode = "approval_link.expired";

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
