using System.Text;

namespace IpSolis.Domain.Orders;

/// <summary>
/// Names a pool asset created for an order from the type's naming pattern (<c>VDI-{sam}</c>, <c>LAPTOP-{id}</c>).
/// Tokens: <c>{sam}</c> the requester's directory username (the email's local part when the directory has none),
/// <c>{email}</c> the requester's email local part, <c>{id}</c> the order id, <c>{type}</c> the asset type's name.
/// Names are host-name safe: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>; anything else becomes <c>-</c>.
/// </summary>
public static class AssetNamePattern
{
    /// <summary>Longest name a pool asset may have.</summary>
    public const int MaxLength = 255;

    /// <summary>The name for an order, before uniqueness is settled (see <see cref="Candidate"/>).</summary>
    public static string Render(string? pattern, long orderId, string requesterEmail, string? requesterUsername, string typeName)
    {
        var local = requesterEmail.Split('@', 2)[0];
        var text = string.IsNullOrWhiteSpace(pattern) ? "{type}-{id}" : pattern.Trim();
        if (!text.Contains("{id}", StringComparison.OrdinalIgnoreCase) && !text.Contains("{sam}", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("{email}", StringComparison.OrdinalIgnoreCase))
        {
            // A pattern without a per-order token would give every order the same name: make it unique per order.
            text += "-{id}";
        }

        text = Replace(text, "{sam}", string.IsNullOrWhiteSpace(requesterUsername) ? local : requesterUsername);
        text = Replace(text, "{email}", local);
        text = Replace(text, "{id}", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        text = Replace(text, "{type}", typeName);
        return Clean(text);
    }

    /// <summary>The <paramref name="attempt"/>-th candidate (1 = the name itself, then <c>name-2</c>, <c>name-3</c>...).</summary>
    public static string Candidate(string name, int attempt)
    {
        if (attempt <= 1)
            return name;
        var suffix = "-" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stem = name.Length + suffix.Length > MaxLength ? name[..(MaxLength - suffix.Length)] : name;
        return stem + suffix;
    }

    private static string Replace(string text, string token, string value) =>
        text.Replace(token, value, StringComparison.OrdinalIgnoreCase);

    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        var cleaned = builder.ToString().Trim('-', '.');
        if (cleaned.Length == 0)
            cleaned = "asset";
        return cleaned.Length > MaxLength ? cleaned[..MaxLength] : cleaned;
    }
}
