using System.Text;

namespace IpSolis.Domain.Ldap;

/// <summary>
/// Builds LDAP search filters (RFC 4515) in which every value is escaped, so no input (an email typed at sign-in, a
/// group name from an asset type, a DN read back from the directory) can change a filter's structure. Attribute
/// names come from settings and are checked against the RFC 4512 attribute description grammar instead.
/// </summary>
public static class LdapFilter
{
    /// <summary>
    /// Escapes a value for use in a filter: <c>*</c>, <c>(</c>, <c>)</c>, <c>\</c> and NUL become <c>\2a</c>,
    /// <c>\28</c>, <c>\29</c>, <c>\5c</c>, <c>\00</c>; so do all other control characters and every byte of
    /// non-ASCII UTF-8, which keeps the filter printable and unambiguous whatever the client library does with it.
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is < 0x20 or 0x7f or '*' or '(' or ')' or '\\' || rune.Value > 0x7f)
            {
                var length = rune.EncodeToUtf8(utf8);
                for (var i = 0; i < length; i++)
                    builder.Append('\\').Append(utf8[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)rune.Value);
            }
        }

        return builder.ToString();
    }

    /// <summary><c>(attribute=value)</c> with the value escaped.</summary>
    public static string Equal(string attribute, string value) => $"({Attribute(attribute)}={Escape(value)})";

    /// <summary>
    /// <c>(attribute:rule:=value)</c>, an extensible match such as Active Directory's in-chain rule
    /// (<see cref="InChainRule"/>), with the value escaped.
    /// </summary>
    public static string Matching(string attribute, string rule, string value)
    {
        if (rule.Length == 0 || !rule.All(c => char.IsAsciiDigit(c) || c == '.'))
            throw new ArgumentException("A matching rule is a numeric OID.", nameof(rule));
        return $"({Attribute(attribute)}:{rule}:={Escape(value)})";
    }

    /// <summary><c>(attribute=*)</c>: the entry has the attribute.</summary>
    public static string Present(string attribute) => $"({Attribute(attribute)}=*)";

    /// <summary>Every one of <paramref name="filters"/> (already built by this class) matches.</summary>
    public static string And(params IEnumerable<string> filters) => Combine('&', filters);

    /// <summary>Any of <paramref name="filters"/> (already built by this class) matches.</summary>
    public static string Or(params IEnumerable<string> filters) => Combine('|', filters);

    /// <summary>Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: membership through any depth of nesting.</summary>
    public const string InChainRule = "1.2.840.113556.1.4.1941";

    /// <summary>
    /// Whether <paramref name="filter"/> is one well-formed filter: balanced parentheses around the whole, no
    /// unescaped NUL. For administrator-entered filters (the people filter setting), never for built ones.
    /// </summary>
    public static bool IsWellFormed(string? filter)
    {
        if (string.IsNullOrEmpty(filter) || filter[0] != '(' || filter[^1] != ')')
            return false;
        var depth = 0;
        for (var i = 0; i < filter.Length; i++)
        {
            var c = filter[i];
            if (c == '\0' || char.IsControl(c))
                return false;
            if (c == '\\')
            {
                if (i + 2 >= filter.Length || !char.IsAsciiHexDigit(filter[i + 1]) || !char.IsAsciiHexDigit(filter[i + 2]))
                    return false;
                i += 2;
                continue;
            }

            if (c == '(')
                depth++;
            else if (c == ')' && --depth < 0)
                return false;
            if (depth == 0 && i != filter.Length - 1)
                return false;
        }

        return depth == 0;
    }

    /// <summary>
    /// An attribute description (RFC 4512: a name like <c>mail</c> or <c>extensionAttribute1</c>, or a numeric
    /// OID, optionally with options like <c>;binary</c>); anything else is refused, since names are not escaped.
    /// </summary>
    public static bool IsAttributeName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 128)
            return false;
        var parts = name.Split(';');
        var type = parts[0];
        var isName = type.Length > 0 && char.IsAsciiLetter(type[0]) && type.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
        var isOid = type.Length > 0 && char.IsAsciiDigit(type[0]) && type.All(c => char.IsAsciiDigit(c) || c == '.') && !type.EndsWith('.') && !type.Contains("..", StringComparison.Ordinal);
        return (isName || isOid) && parts.Skip(1).All(o => o.Length > 0 && o.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }

    private static string Attribute(string attribute) =>
        IsAttributeName(attribute) ? attribute : throw new ArgumentException($"'{attribute}' is not an LDAP attribute name.", nameof(attribute));

    private static string Combine(char op, IEnumerable<string> filters)
    {
        var list = filters.Where(f => !string.IsNullOrEmpty(f)).ToList();
        return list.Count switch
        {
            0 => throw new ArgumentException("At least one filter is needed.", nameof(filters)),
            1 => list[0],
            _ => $"({op}{string.Concat(list)})",
        };
    }
}
