using IpSolis.Server.Platform.Security;
using IpSolis.Server.Platform.Settings;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Tests.Settings;

public sealed class SettingSecretProtectorTests
{
    private static SettingSecretProtector With(string key) => new(Options.Create(new SecurityOptions { ApiSecretKey = key }));

    [Fact]
    public void Protect_IsVersioned_Randomized_AndRoundTrips()
    {
        var protector = With("k1-0123456789abcdefghijklmnopqrstuvwxyz");
        var first = protector.Protect("smtp.password", "pä$$wörd");
        var second = protector.Protect("smtp.password", "pä$$wörd");

        first.Should().StartWith("enc:v1:").And.NotBe(second, "every value gets its own nonce");
        protector.Unprotect("smtp.password", first).Should().Be("pä$$wörd");
        protector.Unprotect("smtp.password", second).Should().Be("pä$$wörd");
    }

    [Fact]
    public void Unprotect_RefusesAnotherKey_AnotherSetting_AndAlteredText()
    {
        var protector = With("k1-0123456789abcdefghijklmnopqrstuvwxyz");
        var sealedValue = protector.Protect("smtp.password", "secret");

        With("k2-0123456789abcdefghijklmnopqrstuvwxyz").Unprotect("smtp.password", sealedValue).Should().BeNull();
        protector.Unprotect("ad.password", sealedValue).Should().BeNull("the ciphertext is bound to its setting");
        var bytes = Convert.FromBase64String(sealedValue["enc:v1:".Length..]);
        bytes[^1] ^= 1;
        protector.Unprotect("smtp.password", "enc:v1:" + Convert.ToBase64String(bytes)).Should().BeNull();
        protector.Unprotect("smtp.password", "plain text").Should().BeNull();
    }
}
