using AngleSharp.Html.Parser;
using IpSolis.Server.Features.Catalog;

namespace IpSolis.Server.Tests.Catalog;

public sealed class HelpTextRendererTests
{
    private static AngleSharp.Dom.IElement Render(string markdown)
    {
        var document = new HtmlParser().ParseDocument("<body></body>");
        document.Body!.InnerHtml = HelpTextRenderer.ToHtml(markdown);
        return document.Body;
    }

    [Fact]
    public void Markdown_BecomesTheAllowedElements()
    {
        var html = Render("### Before you order\n\nYou need **approval** and *patience*.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n`code`\n\n```\nblock\n```\n\nline  \nbreak");
        html.QuerySelector("h3")!.TextContent.Should().Be("Before you order");
        html.QuerySelector("strong")!.TextContent.Should().Be("approval");
        html.QuerySelector("em")!.TextContent.Should().Be("patience");
        html.QuerySelectorAll("ul li").Should().HaveCount(2);
        html.QuerySelector("ol li").Should().NotBeNull();
        html.QuerySelector("blockquote")!.TextContent.Should().Contain("quoted");
        html.QuerySelector("pre code")!.TextContent.Should().Contain("block");
        html.QuerySelector("pre code")!.HasAttribute("class").Should().BeFalse();
        html.QuerySelector("br").Should().NotBeNull();
    }

    [Fact]
    public void TopLevelHeadings_AreLoweredToH3_ThePageOwnsH1AndH2()
    {
        var html = Render("# Big\n\n## Bigger");
        html.QuerySelectorAll("h1, h2").Should().BeEmpty();
        html.QuerySelectorAll("h3").Select(h => h.TextContent).Should().Equal("Big", "Bigger");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<a href=\"https://evil.example\" onclick=\"steal()\">x</a>")]
    [InlineData("<svg onload=alert(1)>")]
    public void RawHtml_IsShownAsText_NeverAsMarkup(string hostile)
    {
        var html = Render("Hello " + hostile);
        html.QuerySelectorAll("script, img, iframe, svg, a").Should().BeEmpty();
        html.TextContent.Should().Contain(hostile.Split(' ')[0]);
        html.QuerySelectorAll("*").SelectMany(e => e.Attributes).Should().BeEmpty("the text is only text: no element carries an attribute");
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("[click](/relative/path)")]
    [InlineData("[click](//evil.example/x)")]
    public void LinksToAnythingButWebOrMail_AreReducedToTheirText(string markdown)
    {
        var html = Render(markdown);
        html.QuerySelector("a").Should().BeNull();
        html.TextContent.Should().Contain("click");
    }

    [Theory]
    [InlineData("[docs](https://intranet.example.com/vdi)", "https://intranet.example.com/vdi")]
    [InlineData("[docs](http://wiki.example.com)", "http://wiki.example.com/")]
    [InlineData("[mail](mailto:it@example.com)", "mailto:it@example.com")]
    public void WebAndMailLinks_AreKept_WithNoopener(string markdown, string href)
    {
        var link = Render(markdown).QuerySelector("a")!;
        link.GetAttribute("href").Should().Be(href);
        link.GetAttribute("rel").Should().Be("noopener noreferrer");
        link.Attributes.Select(a => a.Name).Should().BeEquivalentTo("href", "rel");
    }

    [Fact]
    public void Images_AreReplacedByTheirAltText()
    {
        var html = Render("![the gateway](https://evil.example/track.png)");
        html.QuerySelector("img").Should().BeNull();
        html.TextContent.Should().Contain("the gateway");
    }

    [Fact]
    public void TheAllowList_StripsDisallowedElementsAndAttributes_FromAnyHtml()
    {
        var html = HelpTextRenderer.Sanitize("<p style=\"color:red\" onclick=\"x()\">Hi <b>bold</b><script>evil()</script><style>p{}</style><!-- note --></p><table><tr><td>cell</td></tr></table>");
        html.Should().Be("<p>Hi bold</p>cell");
    }

    [Fact]
    public void NothingGivesNothing()
    {
        HelpTextRenderer.ToHtml(null).Should().BeEmpty();
        HelpTextRenderer.ToHtml("   ").Should().BeEmpty();
    }

    [Fact]
    public void QuotesInLinkTargets_CannotBreakOutOfTheAttribute()
    {
        var link = Render("[x](<https://example.com/a\" onmouseover=\"alert(1)>)").QuerySelector("a")!;
        link.Attributes.Select(a => a.Name).Should().BeEquivalentTo("href", "rel");
        link.GetAttribute("href").Should().StartWith("https://example.com/a%22");
    }
}
