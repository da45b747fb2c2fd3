using System.Collections.Concurrent;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Markdig;

namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// Turns the Markdown operators write as an asset type's help text into HTML that is safe to put into a page as it
/// is. Two locks, so one mistake does not open the door: Markdig renders with raw HTML disabled (a written
/// <c>&lt;script&gt;</c> comes out as text), then an allow-list over the parsed result keeps only paragraphs, lists,
/// emphasis, code, quotes, line breaks, headings h3–h6 (h1 and h2 become h3, the page owns those) and links to
/// http, https and mailto addresses (with <c>rel="noopener noreferrer"</c>); every other element is replaced by its
/// text and every other attribute dropped.
/// </summary>
public static class HelpTextRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly HashSet<string> KeptElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "ul", "ol", "li", "strong", "em", "code", "pre", "a", "h3", "h4", "h5", "h6", "blockquote", "br",
    };

    private static readonly string[] LinkSchemes = [Uri.UriSchemeHttp, Uri.UriSchemeHttps, Uri.UriSchemeMailto];

    /// <summary>The same help texts are rendered on every catalog page view: remember the last few hundred.</summary>
    private static readonly ConcurrentDictionary<string, string> Rendered = new(StringComparer.Ordinal);

    private const int RememberedTexts = 512;

    /// <summary>The safe HTML of <paramref name="markdown"/>; empty for no text.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return string.Empty;
        if (Rendered.TryGetValue(markdown, out var html))
            return html;
        html = Sanitize(Markdown.ToHtml(markdown, Pipeline));
        if (Rendered.Count >= RememberedTexts)
            Rendered.Clear();
        Rendered[markdown] = html;
        return html;
    }

    /// <summary>Applies the allow-list to <paramref name="html"/> (exposed so the list itself can be tested against raw HTML).</summary>
    internal static string Sanitize(string html)
    {
        var parser = new HtmlParser();
        var document = parser.ParseDocument("<!doctype html><html><body></body></html>");
        var body = document.Body!;
        body.InnerHtml = html;
        Clean(body);
        return body.InnerHtml.Trim();
    }

    private static void Clean(IElement parent)
    {
        foreach (var child in parent.ChildNodes.ToList())
        {
            switch (child)
            {
                case IElement element:
                    var name = element.LocalName;
                    if (name is "script" or "style" or "template" or "iframe" or "object" or "embed" or "noscript")
                    {
                        // Their text is code, not prose: drop it entirely.
                        element.Remove();
                        continue;
                    }

                    Clean(element);
                    if (name is "h1" or "h2")
                        element = Rename(element, "h3");
                    if (!KeptElements.Contains(element.LocalName))
                    {
                        Unwrap(element);
                        continue;
                    }

                    KeepOnlySafeAttributes(element);
                    break;
                case IComment comment:
                    comment.Remove();
                    break;
            }
        }
    }

    private static void KeepOnlySafeAttributes(IElement element)
    {
        var href = element.LocalName == "a" ? element.GetAttribute("href") : null;
        foreach (var attribute in element.Attributes.ToList())
            element.RemoveAttribute(attribute.NamespaceUri, attribute.LocalName);
        if (element.LocalName != "a")
            return;
        if (href is not null && Uri.TryCreate(href.Trim(), UriKind.Absolute, out var target) && LinkSchemes.Contains(target.Scheme))
        {
            element.SetAttribute("href", target.AbsoluteUri);
            element.SetAttribute("rel", "noopener noreferrer");
        }
        else
        {
            Unwrap(element);
        }
    }

    private static IElement Rename(IElement element, string name)
    {
        var renamed = element.Owner!.CreateElement(name);
        while (element.FirstChild is { } child)
            renamed.AppendChild(child);
        element.Parent!.ReplaceChild(renamed, element);
        return renamed;
    }

    /// <summary>Replaces <paramref name="element"/> by its (already cleaned) children, or its alt text for an image.</summary>
    private static void Unwrap(IElement element)
    {
        var parent = element.Parent!;
        if (element.LocalName == "img" && element.GetAttribute("alt") is { Length: > 0 } alt)
            parent.InsertBefore(element.Owner!.CreateTextNode(alt), element);
        while (element.FirstChild is { } child)
            parent.InsertBefore(child, element);
        element.Remove();
    }
}
