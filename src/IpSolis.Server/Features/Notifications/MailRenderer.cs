using System.Collections.Concurrent;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HandlebarsDotNet;

namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// Renders a template: Handlebars for subject and body, every value HTML-escaped in the body (the reference pasted
/// values in raw, §11 item 7: a display name could inject markup); the body inside the branded frame; and a plain-text
/// alternative derived from the HTML, so operators edit one text per language.
/// </summary>
public sealed class MailRenderer
{
    // Compiled templates by their text: rendering the same template again costs a dictionary lookup. Bounded, because
    // every edit and every preview adds texts.
    private const int CacheLimit = 500;

    private static readonly IHandlebars Html = Handlebars.Create(new HandlebarsConfiguration());

    // The subject is a header, not HTML: no entities there. Line breaks are removed after rendering.
    private static readonly IHandlebars Plain = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });

    private static readonly HtmlParser Parser = new();

    private readonly ConcurrentDictionary<(bool Html, string Text), HandlebarsTemplate<object, object>> _compiled = new();

    public RenderedMail Render(TemplateText template, IReadOnlyDictionary<string, string?> values, MailBranding branding, string culture)
    {
        ArgumentNullException.ThrowIfNull(template);
        var model = values.ToDictionary(v => v.Key, v => (object?)(v.Value ?? ""), StringComparer.Ordinal);
        var subject = OneLine(Compile(false, template.Subject)(model));
        var body = Compile(true, template.Body)(model);
        var html = Frame(subject, body, branding, culture);
        return new RenderedMail(subject, html, TextOf(subject, body, branding, culture));
    }

    /// <summary>Null when the text compiles, else the parser's message (for the template editor).</summary>
    public static string? CompileError(string text)
    {
        try
        {
            Html.Compile(text);
            return null;
        }
        catch (HandlebarsException ex)
        {
            return ex.Message;
        }
    }

    private HandlebarsTemplate<object, object> Compile(bool html, string text)
    {
        if (_compiled.TryGetValue((html, text), out var compiled))
            return compiled;
        if (_compiled.Count >= CacheLimit)
            _compiled.Clear();
        compiled = (html ? Html : Plain).Compile(text);
        _compiled[(html, text)] = compiled;
        return compiled;
    }

    private static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(char.IsControl(c) ? ' ' : c);
        return builder.ToString().Trim();
    }

    private static string Footer(MailBranding branding, string culture) => culture == "de"
        ? $"Diese Nachricht wurde automatisch von {branding.Title} erstellt."
        : $"This message was generated automatically by {branding.Title}.";

    // Mail clients ignore style sheets and scripts: the frame is a table with inline styles, the common denominator.
    private static string Frame(string subject, string body, MailBranding branding, string culture)
    {
        var title = WebUtility.HtmlEncode(branding.Title);
        var logo = branding.LogoUrl is { } url
            ? $"<img src=\"{WebUtility.HtmlEncode(url)}\" alt=\"{title}\" height=\"40\" style=\"display:block;height:40px;max-width:200px;margin-bottom:8px;border:0\">"
            : "";
        return $"""
            <!DOCTYPE html>
            <html lang="{culture}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body style="margin:0;padding:0;background:#f1f5f9;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#0f172a">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9;padding:24px 0"><tr><td align="center">
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;overflow:hidden">
            <tr><td style="background:#1e3a8a;color:#ffffff;padding:20px 28px">{logo}<div style="font-size:20px;font-weight:600">{title}</div><div style="font-size:14px;opacity:.85">{WebUtility.HtmlEncode(subject)}</div></td></tr>
            <tr><td class="content" style="padding:24px 28px;font-size:15px;line-height:1.5">{body}</td></tr>
            <tr><td style="padding:16px 28px;font-size:12px;color:#64748b;border-top:1px solid #e2e8f0">{WebUtility.HtmlEncode(Footer(branding, culture))}</td></tr>
            </table></td></tr></table></body></html>
            """;
    }

    /// <summary>The plain-text part: block elements become lines, links show their address.</summary>
    private static string TextOf(string subject, string body, MailBranding branding, string culture)
    {
        var document = Parser.ParseDocument($"<body>{body}</body>");
        var text = new StringBuilder();
        text.Append(branding.Title).Append('\n').Append(subject).Append("\n\n");
        Walk(document.Body!, text);
        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank <= 1)
                result.Append(line).Append('\n');
        }

        return result.ToString().Trim() + "\n\n-- \n" + Footer(branding, culture) + "\n";
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(CollapseSpaces(t.Data));
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement { LocalName: "a" } a:
                    var label = a.TextContent.Trim();
                    var href = a.GetAttribute("href") ?? "";
                    text.Append(label.Length == 0 || label == href ? href : $"{label}: {href}");
                    break;
                case IElement { LocalName: "li" } li:
                    text.Append("\n- ");
                    Walk(li, text);
                    break;
                case IElement { LocalName: "p" or "div" or "h1" or "h2" or "h3" or "ul" or "ol" or "table" or "tr" } block:
                    text.Append('\n');
                    Walk(block, text);
                    text.Append('\n');
                    break;
                case IElement { LocalName: "td" or "th" } cell:
                    Walk(cell, text);
                    text.Append(' ');
                    break;
                case IElement { LocalName: "script" or "style" }:
                    break;
                case IElement element:
                    Walk(element, text);
                    break;
            }
        }
    }

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                    builder.Append(' ');
                space = true;
            }
            else
            {
                builder.Append(c);
                space = false;
            }
        }

        return builder.ToString();
    }
}
