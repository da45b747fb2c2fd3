using System.Text.RegularExpressions;

namespace IpSolis.Domain.Notifications;

/// <summary>
/// Checks an operator's template text against the variables its event offers, before it is saved: every
/// <c>{{name}}</c> (and the argument of <c>{{#if name}}</c>, <c>{{#unless name}}</c>) must be one of them, and no
/// expression may switch HTML escaping off (<c>{{{name}}}</c>, <c>{{&amp;name}}</c>): a display name or a
/// justification is typed by someone else and must never become markup in a mail (reference §11 item 7).
/// </summary>
public static partial class TemplatePlaceholders
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "else", "this" };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal) { "if", "unless" };

    /// <summary>Every variable the text uses, in order of first use.</summary>
    public static IReadOnlyList<string> Used(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var used = new List<string>();
        foreach (Match match in Expression().Matches(text))
        {
            if (Name(match.Groups["body"].Value) is { } name && !used.Contains(name, StringComparer.Ordinal))
                used.Add(name);
        }

        return used;
    }

    /// <summary>The problems of <paramref name="text"/> (empty when it is fine), each naming <paramref name="field"/>.</summary>
    public static IReadOnlyList<DomainError> Check(string text, IReadOnlyCollection<string> allowed, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(allowed);
        var errors = new List<DomainError>();
        if (text.Contains("{{{", StringComparison.Ordinal) || UnescapedAmpersand().IsMatch(text))
            errors.Add(new DomainError("template.unescaped", "Values are always HTML-escaped: use {{name}}, not {{{name}}} or {{&name}}.", field));

        foreach (Match match in Expression().Matches(text))
        {
            var body = match.Groups["body"].Value.Trim();
            if (body.StartsWith('>') || body.StartsWith('!'))
            {
                errors.Add(new DomainError("template.unsupported", $"'{{{{{body}}}}}' is not supported: use {{{{name}}}}, {{{{#if name}}}}…{{{{/if}}}}.", field));
                continue;
            }

            if (body.StartsWith('#') && !Blocks.Contains(FirstWord(body[1..])))
            {
                errors.Add(new DomainError("template.unsupported", $"'{{{{{body}}}}}' is not supported: only #if and #unless blocks are.", field));
                continue;
            }

            if (Name(body) is { } name && !allowed.Contains(name))
                errors.Add(new DomainError("template.unknown_variable", $"{{{{{name}}}}} is not a variable of this template; use one of the listed variables.", field));
        }

        return errors.DistinctBy(e => e.Message).ToList();
    }

    /// <summary>The variable an expression reads, or null for block ends, <c>else</c> and the like.</summary>
    private static string? Name(string body)
    {
        body = body.Trim().TrimStart('~').TrimEnd('~').Trim();
        if (body.Length == 0 || body.StartsWith('/') || body.StartsWith('!') || body.StartsWith('>'))
            return null;
        if (body.StartsWith('#') || body.StartsWith('^'))
        {
            var words = body[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length >= 2 && Blocks.Contains(words[0]) ? words[1] : null;
        }

        body = body.TrimStart('&').Trim();
        var first = FirstWord(body);
        return Keywords.Contains(first) ? null : first;
    }

    private static string FirstWord(string text) => text.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : "";

    [GeneratedRegex(@"\{\{\{?(?<body>[^{}]*)\}?\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"\{\{~?\s*&")]
    private static partial Regex UnescapedAmpersand();
}
