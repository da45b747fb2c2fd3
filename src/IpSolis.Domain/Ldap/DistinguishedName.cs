using System.Text;

namespace IpSolis.Domain.Ldap;

/// <summary>
/// Builds distinguished names (RFC 4514) safely: an attribute value placed in an RDN is escaped, so a group called
/// <c>R&amp;D, Europe+Asia</c> becomes one RDN and never two, and never a different parent.
/// </summary>
public static class DistinguishedName
{
    /// <summary>
    /// Escapes an RDN attribute value: <c>, + " \ &lt; &gt; ;</c> and <c>=</c> anywhere, <c>#</c> or a space first,
    /// a space last, and NUL and other control characters as <c>\xx</c>.
    /// </summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '=' || (c == '#' && i == 0) || (c == ' ' && (i == 0 || i == value.Length - 1)))
                builder.Append('\\').Append(c);
            else if (char.IsControl(c))
                builder.Append('\\').Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else
                builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary><c>attribute=value,parent</c> with the value escaped; <paramref name="parent"/> is a DN from settings or the directory.</summary>
    public static string Child(string attribute, string value, string parent)
    {
        if (!LdapFilter.IsAttributeName(attribute) || attribute.Contains(';', StringComparison.Ordinal))
            throw new ArgumentException($"'{attribute}' is not an LDAP attribute name.", nameof(attribute));
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException("An RDN value cannot be empty.", nameof(value));
        return string.IsNullOrEmpty(parent) ? $"{attribute}={EscapeValue(value)}" : $"{attribute}={EscapeValue(value)},{parent}";
    }

    /// <summary>
    /// Whether <paramref name="dn"/> reads as a DN: one or more <c>attribute=value</c> RDNs separated by unescaped
    /// commas, every escape complete. Tells a group given as a DN from one given by name.
    /// </summary>
    public static bool LooksLikeDn(string? dn)
    {
        if (string.IsNullOrWhiteSpace(dn) || dn.Any(char.IsControl))
            return false;
        foreach (var rdn in SplitUnescaped(dn, ','))
        {
            if (rdn is null)
                return false;
            foreach (var pair in SplitUnescaped(rdn, '+'))
            {
                if (pair is null)
                    return false;
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || !LdapFilter.IsAttributeName(pair[..equals].Trim()))
                    return false;
            }
        }

        return true;
    }

    /// <summary>The parts between unescaped separators; a null part means a dangling escape.</summary>
    private static IEnumerable<string?> SplitUnescaped(string text, char separator)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    yield return null;
                    yield break;
                }

                i++;
                continue;
            }

            if (text[i] == separator)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
