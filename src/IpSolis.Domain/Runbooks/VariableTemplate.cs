using System.Text;

namespace IpSolis.Domain.Runbooks;

/// <summary>
/// A step parameter written with placeholders: <c>{{steps.&lt;name&gt;.&lt;key&gt;}}</c>, <c>{{order.*}}</c>,
/// <c>{{asset.*}}</c> and <c>{{vars.*}}</c> (global variables). Text outside placeholders is literal; a placeholder
/// may stand alone or inside text. <c>{{</c> that must stay literal is written <c>{{{{</c>.
/// </summary>
/// <remarks>
/// Parsing happens when a runbook is saved (so a typo is a form error, not a failed run at 3 am) and again when a
/// step runs. Resolution never evaluates anything: a value is looked up by its exact path and inserted as text, so
/// a value that itself contains <c>{{...}}</c> is not expanded a second time.
/// </remarks>
public sealed class VariableTemplate
{
    /// <summary>The roots a placeholder may start with.</summary>
    public static readonly IReadOnlyList<string> Roots = ["steps", "order", "asset", "vars"];

    private readonly IReadOnlyList<Part> _parts;

    private VariableTemplate(string text, IReadOnlyList<Part> parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    /// <summary>Every placeholder path in the template, in order (duplicates kept).</summary>
    public IReadOnlyList<string> Paths => [.. _parts.Where(p => p.IsPlaceholder).Select(p => p.Value)];

    /// <summary>Parses <paramref name="text"/>; the error names <paramref name="field"/> and what is wrong.</summary>
    public static Result<VariableTemplate> Parse(string? text, string? field = null)
    {
        text ??= "";
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '{' && i + 3 < text.Length && text.AsSpan(i, 4).SequenceEqual("{{{{"))
            {
                literal.Append("{{");
                i += 4;
                continue;
            }

            if (text[i] == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
                if (end < 0)
                    return new DomainError("runbook.template_unclosed", $"A placeholder opened at character {i + 1} is not closed with }}}}.", field);
                var path = text[(i + 2)..end].Trim();
                if (CheckPath(path) is { } problem)
                    return new DomainError("runbook.template_path", $"{{{{{path}}}}}: {problem}", field);
                if (literal.Length > 0)
                {
                    parts.Add(new Part(false, literal.ToString()));
                    literal.Clear();
                }

                parts.Add(new Part(true, path));
                i = end + 2;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        if (literal.Length > 0)
            parts.Add(new Part(false, literal.ToString()));
        return new VariableTemplate(text, parts);
    }

    /// <summary>Null when <paramref name="path"/> is a well-formed placeholder path, else what is wrong with it.</summary>
    public static string? CheckPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return "the placeholder is empty.";
        var segments = path.Split('.');
        if (segments.Any(s => s.Length == 0))
            return "a path has no empty segments (a.b.c).";
        if (segments.Any(s => !s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
            return "a path uses letters, digits, '_' and '-' between dots only.";
        if (!Roots.Contains(segments[0], StringComparer.Ordinal))
            return $"a path starts with one of {string.Join(", ", Roots)}.";
        if (segments[0] == "steps" && segments.Length < 3)
            return "a step value is steps.<step name>.<key>.";
        if (segments.Length < 2)
            return $"name a value under {segments[0]} ({segments[0]}.<key>).";
        return null;
    }

    /// <summary>
    /// The template with every placeholder replaced by its value from <paramref name="lookup"/> (null: no such
    /// value). A missing value is an error naming the placeholder, never an empty string silently passed on.
    /// </summary>
    public Result<string> Resolve(Func<string, string?> lookup, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            if (!part.IsPlaceholder)
            {
                text.Append(part.Value);
                continue;
            }

            if (lookup(part.Value) is not { } value)
                return new DomainError("runbook.value_missing", $"{{{{{part.Value}}}}} has no value in this run.", field);
            text.Append(value);
        }

        return text.ToString();
    }

    private sealed record Part(bool IsPlaceholder, string Value);
}
