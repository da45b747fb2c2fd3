using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Tests.Settings;

public sealed class BrandLogoTests
{
    internal static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public void PngAndJpeg_AreRecognisedByTheirBytes()
    {
        BrandLogo.FromUpload(Png).Logo!.ContentType.Should().Be("image/png");
        BrandLogo.FromUpload(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16 }).Logo!.ContentType.Should().Be("image/jpeg");
        var logo = BrandLogo.FromUpload(Png).Logo!;
        BrandLogo.Read(logo.ToStored()).Content.Should().Equal(Png);
        BrandLogo.Describe(logo.ToStored()).Should().StartWith("image/png, 16 bytes, sha256 ");
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("GIF89a....")]
    [InlineData("<html><body>not an image</body></html>")]
    public void OtherFormats_AreRefused_WhateverTheyClaim(string content)
    {
        var (logo, error) = BrandLogo.FromUpload(System.Text.Encoding.UTF8.GetBytes(content));
        logo.Should().BeNull();
        error.Should().Contain("PNG or JPEG");
    }

    [Fact]
    public void MoreThan512Kilobytes_IsRefused()
    {
        var big = new byte[BrandLogo.MaxBytes + 1];
        Png.CopyTo(big, 0);
        BrandLogo.FromUpload(big).Error.Should().Contain("at most 512 KB");
        BrandLogo.FromUpload(big.AsSpan(0, BrandLogo.MaxBytes)).Logo.Should().NotBeNull();
    }
}
