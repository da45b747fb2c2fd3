using System.Text;
using IpSolis.Domain.Runbooks;

namespace IpSolis.Domain.Tests.Runbooks;

public sealed class SecretMaskTests
{
    [Fact]
    public void Apply_MasksPlainValue()
    {
        new SecretMask(["hunter2!"]).Apply("password=hunter2! ok").Should().Be($"password={SecretMask.Mask} ok");
    }

    [Fact]
    public void Apply_MasksJsonEscapedUrlEncodedAndBase64Forms()
    {
        const string secret = "p\"a/ss word\\x";
        var mask = new SecretMask([secret]);
        mask.Apply("{\"pw\":\"p\\\"a/ss word\\\\x\"}").Should().NotContain("ss word");
        mask.Apply("https://h/?pw=" + Uri.EscapeDataString(secret)).Should().Be("https://h/?pw=" + SecretMask.Mask);
        mask.Apply("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))).Should().Be("Basic " + SecretMask.Mask);
    }

    [Fact]
    public void Apply_LongerSecretContainingShorter_IsMaskedWhole()
    {
        var mask = new SecretMask(["abcd", "xxabcdxx"]);
        mask.Apply("xxabcdxx and abcd").Should().Be($"{SecretMask.Mask} and {SecretMask.Mask}");
    }

    [Fact]
    public void Apply_ShortOrNullSecrets_AreIgnored()
    {
        var mask = new SecretMask(["ab", null, ""]);
        mask.FormCount.Should().Be(0);
        mask.Apply("ab ab").Should().Be("ab ab");
    }

    [Fact]
    public void Apply_NullAndEmpty_StayAsTheyAre()
    {
        var mask = new SecretMask(["secret-value"]);
        mask.Apply(null).Should().BeNull();
        mask.Apply("").Should().Be("");
    }

    [Fact]
    public void Apply_EveryOccurrence_IsMasked()
    {
        new SecretMask(["s3cr3t"]).Apply("s3cr3ts3cr3t s3cr3t").Should().NotContain("s3cr3t");
    }

    [Fact]
    public void With_AddsSecrets()
    {
        var mask = SecretMask.None.With(["first-secret"]).With(["second-secret"]);
        mask.Apply("first-secret second-secret").Should().Be($"{SecretMask.Mask} {SecretMask.Mask}");
    }
}
