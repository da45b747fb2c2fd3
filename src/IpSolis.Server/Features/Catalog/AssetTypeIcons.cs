using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using IpSolis.Domain;

namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// An asset type's icon: one of the built-in monochrome icons (drawn by the Icon component), or an uploaded PNG,
/// WebP or SVG image kept as a data URL (the pages' CSP allows <c>img-src data:</c>). What an upload is, is decided
/// by its bytes, never by its name or declared type; an SVG is accepted only when everything in it is on an
/// allow-list: no script, no foreignObject, no event attributes, no references outside the image itself.
/// </summary>
public static class AssetTypeIcons
{
    public const int MaximumBytes = 256 * 1024;

    public const string Field = "icon";

    /// <summary>The built-in icon names, in the order the form offers them.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
        ["desktop", "laptop", "server", "database", "cloud", "app", "lock", "key", "phone", "folder", "terminal", "network"];

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly HashSet<string> SvgElements = new(StringComparer.Ordinal)
    {
        "svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "title", "desc", "defs",
        "lineargradient", "radialgradient", "stop", "clippath", "mask", "symbol", "use", "text", "tspan", "style",
    };

    private static readonly HashSet<string> SvgAttributes = new(StringComparer.Ordinal)
    {
        "xmlns", "xmlns:xlink", "xml:space", "version", "id", "class", "style", "viewbox", "width", "height", "x", "y",
        "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "d", "points", "pathlength", "fill",
        "fill-rule", "fill-opacity", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
        "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "transform", "preserveaspectratio", "offset",
        "stop-color", "stop-opacity", "gradientunits", "gradienttransform", "spreadmethod", "clip-path", "clip-rule",
        "clippathunits", "mask", "maskunits", "maskcontentunits", "href", "xlink:href", "font-family", "font-size",
        "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing", "role", "focusable",
        "visibility", "display", "color", "vector-effect", "shape-rendering", "overflow",
    };

    /// <summary>Text that has no business in an icon, checked on the raw text as well as on the parsed tree, so a
    /// difference between how we parse and how a browser's XML parser reads it cannot slip anything through.</summary>
    private static readonly string[] ForbiddenText =
        ["<script", "foreignobject", "<!doctype", "<!entity", "javascript:", "vbscript:", "@import", "<iframe", "<object", "<embed", "<use xlink:href=\"http", "<?xml-stylesheet"];

    /// <summary>How every uploaded icon begins (a checked data URL); built-in names never do.</summary>
    public const string ImagePrefix = "data:image/";

    /// <summary>Whether <paramref name="icon"/> is an uploaded image rather than a built-in name.</summary>
    public static bool IsImage(string? icon) => icon is not null && icon.StartsWith(ImagePrefix, StringComparison.Ordinal);

    /// <summary>
    /// The stored form of <paramref name="icon"/> as an API or form sends it: null for none, a built-in name
    /// (canonical spelling), or a data URL whose media type follows from its checked content.
    /// </summary>
    public static Result<string?> Check(string? icon)
    {
        if (string.IsNullOrWhiteSpace(icon))
            return Result<string?>.Success(null);
        var text = icon.Trim();
        if (BuiltIn.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name)
            return Result<string?>.Success(name);
        if (!text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return new DomainError("asset_type.icon",
                $"'{Shorten(text)}' is not a built-in icon ({string.Join(", ", BuiltIn)}) or an uploaded image.", Field);
        }

        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !text[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            return new DomainError("asset_type.icon", "An uploaded icon must be a base64 data URL (data:image/...;base64,...).", Field);
        var payload = text[(comma + 1)..];
        if (payload.Length > (MaximumBytes + 2) / 3 * 4 + 4)
            return TooLarge();
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(payload);
        }
        catch (FormatException)
        {
            return new DomainError("asset_type.icon", "The icon's data URL is not valid base64.", Field);
        }

        var image = FromUpload(bytes);
        return image.Succeeded ? Result<string?>.Success(image.Value) : Result<string?>.Failure([.. image.Errors]);
    }

    /// <summary>Checks uploaded bytes and returns them as a data URL.</summary>
    public static Result<string> FromUpload(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0)
            return new DomainError("asset_type.icon", "The uploaded icon is empty.", Field);
        if (content.Length > MaximumBytes)
            return TooLarge();

        string mediaType;
        if (content.StartsWith(PngSignature))
        {
            mediaType = "image/png";
        }
        else if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            mediaType = "image/webp";
        }
        else if (SvgText(content) is { } svg)
        {
            if (SvgProblem(svg) is { } problem)
                return new DomainError("asset_type.icon", $"The SVG icon is refused: {problem}", Field);
            mediaType = "image/svg+xml";
        }
        else
        {
            return new DomainError("asset_type.icon", "The icon must be a PNG, WebP or SVG image (checked by its content, not its name).", Field);
        }

        return $"data:{mediaType};base64,{Convert.ToBase64String(content)}";
    }

    /// <summary>The text of <paramref name="content"/> when it is UTF-8 that starts (after a BOM, an XML declaration,
    /// comments and blanks) with an &lt;svg element; otherwise null.</summary>
    private static string? SvgText(ReadOnlySpan<byte> content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var rest = text.AsSpan().TrimStart('\uFEFF');
        while (true)
        {
            rest = rest.TrimStart();
            if (rest.StartsWith("<?xml", StringComparison.Ordinal) && rest.IndexOf("?>", StringComparison.Ordinal) is var end and > 0)
                rest = rest[(end + 2)..];
            else if (rest.StartsWith("<!--", StringComparison.Ordinal) && rest.IndexOf("-->", StringComparison.Ordinal) is var close and > 0)
                rest = rest[(close + 3)..];
            else
                break;
        }

        return rest.StartsWith("<svg", StringComparison.Ordinal) && rest.Length > 4 && (char.IsWhiteSpace(rest[4]) || rest[4] is '>' or '/')
            ? text
            : null;
    }

    /// <summary>What is wrong with an SVG, or null when every element, attribute and reference is allowed.</summary>
    internal static string? SvgProblem(string svg)
    {
        svg = svg.TrimStart('\uFEFF');
        var lower = svg.ToLowerInvariant();
        if (ForbiddenText.FirstOrDefault(t => lower.Contains(t, StringComparison.Ordinal)) is { } forbidden)
            return $"it contains '{forbidden}'.";

        var document = new HtmlParser().ParseDocument("<!doctype html><html><head></head><body>" + svg + "</body></html>");
        var roots = document.Body!.Children;
        if (roots.Length != 1 || roots[0].LocalName != "svg"
            || document.Body.ChildNodes.OfType<IText>().Any(t => !string.IsNullOrWhiteSpace(t.Data)))
        {
            return "it must be a single <svg> element with nothing but SVG shapes inside.";
        }

        foreach (var element in roots[0].DescendantsAndSelf<IElement>())
        {
            var name = element.LocalName.ToLowerInvariant();
            if (!SvgElements.Contains(name))
                return $"the element <{element.LocalName}> is not allowed in an icon.";
            if (name == "style" && CssProblem(element.TextContent) is { } cssProblem)
                return $"its <style> {cssProblem}";
            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name.ToLowerInvariant();
                if (attributeName.StartsWith("on", StringComparison.Ordinal))
                    return $"the event attribute '{attribute.Name}' is not allowed.";
                if (!SvgAttributes.Contains(attributeName) && !attributeName.StartsWith("aria-", StringComparison.Ordinal)
                    && !attributeName.StartsWith("data-", StringComparison.Ordinal))
                {
                    return $"the attribute '{attribute.Name}' is not allowed.";
                }

                var value = attribute.Value.Trim();
                if (attributeName is "href" or "xlink:href" && !value.StartsWith('#'))
                    return $"'{attribute.Name}' may only point inside the image (#id), not at '{Shorten(value)}'.";
                if (attributeName == "style" && CssProblem(value) is { } styleProblem)
                    return $"a style attribute {styleProblem}";
                if (attributeName is not ("xmlns" or "xmlns:xlink") && ExternalReference(value))
                    return $"the attribute '{attribute.Name}' refers to something outside the image.";
            }
        }

        return null;
    }

    /// <summary>A CSS text is fine when it only refers inside the image and uses no escapes (which could spell
    /// anything else in disguise).</summary>
    private static string? CssProblem(string css)
    {
        var lower = css.ToLowerInvariant();
        if (lower.Contains('\\', StringComparison.Ordinal))
            return "uses CSS escapes.";
        if (lower.Contains("expression(", StringComparison.Ordinal) || lower.Contains("behavior", StringComparison.Ordinal))
            return "uses a scripted CSS feature.";
        return ExternalReference(lower) ? "refers to something outside the image." : null;
    }

    /// <summary>Whether <paramref name="value"/> holds a url(...) that is not an in-image reference (url(#id)), or a
    /// URL scheme.</summary>
    private static bool ExternalReference(string value)
    {
        var lower = value.ToLowerInvariant();
        for (var at = lower.IndexOf("url(", StringComparison.Ordinal); at >= 0; at = lower.IndexOf("url(", at + 4, StringComparison.Ordinal))
        {
            var inner = lower[(at + 4)..].TrimStart().TrimStart('\'', '"');
            if (!inner.StartsWith('#'))
                return true;
        }

        return lower.Contains("http:", StringComparison.Ordinal) || lower.Contains("https:", StringComparison.Ordinal)
            || lower.Contains("data:", StringComparison.Ordinal) || lower.Contains("file:", StringComparison.Ordinal)
            || lower.Contains("//", StringComparison.Ordinal) && lower.Contains("url(", StringComparison.Ordinal);
    }

    private static DomainError TooLarge() =>
        new("asset_type.icon", $"An uploaded icon is at most {MaximumBytes / 1024} KB.", Field);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
