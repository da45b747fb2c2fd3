using System.Text;
using IpSolis.Server.Features.Catalog;

namespace IpSolis.Server.Tests.Catalog;

public sealed class AssetTypeIconsTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] WebP = [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8];

    private const string Square = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><rect x=\"2\" y=\"2\" width=\"20\" height=\"20\" fill=\"currentColor\"/></svg>";

    private static string DataUrl(string mediaType, byte[] bytes) => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";

    [Fact]
    public void NoIcon_IsFine() => AssetTypeIcons.Check("  ").Value.Should().BeNull();

    [Fact]
    public void BuiltInNames_AreAcceptedInTheirCanonicalSpelling()
    {
        AssetTypeIcons.BuiltIn.Should().HaveCount(12).And.OnlyHaveUniqueItems();
        AssetTypeIcons.Check(" Desktop ").Value.Should().Be("desktop");
        AssetTypeIcons.Check("rocket").Errors.Should().ContainSingle().Which.Field.Should().Be("icon");
    }

    [Fact]
    public void PngAndWebP_AreRecognisedByTheirBytes_WhateverTheyClaim()
    {
        AssetTypeIcons.Check(DataUrl("image/gif", Png)).Value.Should().Be(DataUrl("image/png", Png));
        AssetTypeIcons.FromUpload(WebP).Value.Should().Be(DataUrl("image/webp", WebP));
    }

    [Fact]
    public void OtherFormats_AreRefused()
    {
        AssetTypeIcons.FromUpload("GIF89a...."u8).Succeeded.Should().BeFalse();
        AssetTypeIcons.FromUpload([0xFF, 0xD8, 0xFF, 0xE0]).Succeeded.Should().BeFalse();
        AssetTypeIcons.FromUpload("<html><body>hi</body></html>"u8).Succeeded.Should().BeFalse();
        AssetTypeIcons.FromUpload([]).Succeeded.Should().BeFalse();
    }

    [Fact]
    public void TooLargeUploads_AreRefused()
    {
        AssetTypeIcons.FromUpload([.. Png, .. new byte[AssetTypeIcons.MaximumBytes]]).Errors[0].Message.Should().Contain("256 KB");
        AssetTypeIcons.Check(DataUrl("image/png", [.. Png, .. new byte[AssetTypeIcons.MaximumBytes]])).Succeeded.Should().BeFalse();
    }

    [Theory]
    [InlineData("data:image/png,notbase64")]
    [InlineData("data:image/png;base64,!!!")]
    public void MalformedDataUrls_AreRefused(string icon) => AssetTypeIcons.Check(icon).Succeeded.Should().BeFalse();

    [Fact]
    public void ACleanSvg_IsAccepted_WithDeclarationCommentsAndInImageReferences()
    {
        AssetTypeIcons.FromUpload(Encoding.UTF8.GetBytes(Square)).Value.Should().StartWith("data:image/svg+xml;base64,");
        var rich = "\uFEFF<?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 24 24\">"
            + "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#000\"/></linearGradient><path id=\"p\" d=\"M0 0h4v4z\"/></defs>"
            + "<title>Laptop</title><g fill=\"url(#g)\" style=\"stroke: #333\"><use xlink:href=\"#p\"/><circle cx=\"12\" cy=\"12\" r=\"4\"/></g></svg>";
        AssetTypeIcons.SvgProblem(rich).Should().BeNull();
    }

    [Theory]
    [InlineData("<svg><script>alert(1)</script></svg>", "<script")]
    [InlineData("<svg><foreignObject><div>x</div></foreignObject></svg>", "foreignobject")]
    [InlineData("<svg onload=\"alert(1)\"></svg>", "onload")]
    [InlineData("<svg><rect onmouseover=\"x()\"/></svg>", "onmouseover")]
    [InlineData("<svg><image href=\"https://evil.example/a.png\"/></svg>", "image")]
    [InlineData("<svg><use href=\"https://evil.example/s.svg#x\"/></svg>", "href")]
    [InlineData("<svg><a href=\"javascript:alert(1)\"><rect/></a></svg>", "javascript:")]
    [InlineData("<svg><rect fill=\"url(https://evil.example/p)\"/></svg>", "outside")]
    [InlineData("<svg><rect style=\"fill:url(//evil.example/x)\"/></svg>", "outside")]
    [InlineData("<svg><style>@import url(https://evil.example/a.css);</style></svg>", "@import")]
    [InlineData("<svg><style>rect{fill:u\\72l(https://x)}</style></svg>", "escapes")]
    [InlineData("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg>&x;</svg>", "<!doctype")]
    [InlineData("<svg><animate attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>", "javascript:")]
    [InlineData("<svg><set attributeName=\"fill\" to=\"red\"/></svg>", "set")]
    [InlineData("<svg></svg><script>alert(1)</script>", "<script")]
    [InlineData("<svg></svg><p>after</p>", "single <svg>")]
    [InlineData("<svg><rect data-x=\"1\" sodipodi:type=\"x\"/></svg>", "sodipodi")]
    public void HostileSvgs_AreRefused_SayingWhy(string svg, string reason)
    {
        var problem = AssetTypeIcons.SvgProblem(svg);
        problem.Should().NotBeNull().And.Contain(reason, Exactly.Once(), because: svg);
        AssetTypeIcons.FromUpload(Encoding.UTF8.GetBytes(svg)).Succeeded.Should().BeFalse();
    }

    [Fact]
    public void ARefusedSvg_IsRefusedAsADataUrlToo() =>
        AssetTypeIcons.Check(DataUrl("image/png", Encoding.UTF8.GetBytes("<svg onload=\"alert(1)\"></svg>"))).Errors.Should().ContainSingle()
            .Which.Message.Should().Contain("onload");

    [Fact]
    public void IsImage_TellsUploadsFromBuiltIns()
    {
        AssetTypeIcons.IsImage(DataUrl("image/png", Png)).Should().BeTrue();
        AssetTypeIcons.IsImage("laptop").Should().BeFalse();
        AssetTypeIcons.IsImage(null).Should().BeFalse();
    }
}
