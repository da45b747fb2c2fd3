using System.Text;

namespace IpSolis.Domain.Runbooks;

/// <summary>
/// Replaces every known secret in a text with <see cref="Mask"/> before the text reaches a log, a step output, an
/// API response or an audit row. Besides the plain value it masks the forms a script or a JSON writer commonly
/// turns it into (JSON-escaped, URL-encoded, base64), so echoing a password through <c>jq</c> or into a URL does
/// not leak it. Longer secrets are masked first, so a secret that contains another is masked whole.
/// </summary>
public sealed class SecretMask
{
    /// <summary>What a secret becomes.</summary>
    public const string Mask = "********";

    /// <summary>Shorter values are not masked: masking "1" or "ab" would garble every log and hide nothing.</summary>
    public const int MinimumLength = 4;

    private readonly string[] _forms;

    public SecretMask(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            if (secret is null || secret.Length < MinimumLength)
                continue;
            forms.Add(secret);
            forms.Add(JsonEscaped(secret));
            forms.Add(Uri.EscapeDataString(secret));
            forms.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
        }

        _forms = [.. forms.Where(f => f.Length >= MinimumLength).OrderByDescending(f => f.Length).ThenBy(f => f, StringComparer.Ordinal)];
    }

    /// <summary>A mask that masks nothing.</summary>
    public static SecretMask None { get; } = new([]);

    /// <summary>How many distinct forms are masked (for tests and diagnostics; never the forms themselves).</summary>
    public int FormCount => _forms.Length;

    /// <summary>A mask for these secrets and <paramref name="more"/>.</summary>
    public SecretMask With(IEnumerable<string?> more) => new(_forms.Concat(more ?? []));

    /// <summary><paramref name="text"/> with every secret replaced; null stays null.</summary>
    public string? Apply(string? text)
    {
        if (string.IsNullOrEmpty(text) || _forms.Length == 0)
            return text;
        var masked = text;
        foreach (var form in _forms)
        {
            if (masked.Contains(form, StringComparison.Ordinal))
                masked = masked.Replace(form, Mask, StringComparison.Ordinal);
        }

        return masked;
    }

    private static string JsonEscaped(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ')
                        text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }
}
