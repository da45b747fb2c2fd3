using System.Collections;
using System.Globalization;
using System.Resources;
using IpSolis.Server.Web.Resources;

namespace IpSolis.Browser.Tests;

/// <summary>The portal speaks English and German throughout: a string added in one language only fails here.</summary>
public sealed class TranslationTests
{
    private static readonly ResourceManager Strings = new(typeof(PortalStrings));

    [Fact]
    public void EveryPortalString_HasAGermanTranslation()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var german = Entries(CultureInfo.GetCultureInfo("de"));

        english.Should().NotBeEmpty();
        german.Keys.Should().BeEquivalentTo(english.Keys);
        german.Values.Should().OnlyContain(v => !string.IsNullOrWhiteSpace(v));
        english.Where(e => e.Key != "Version" && german[e.Key] == e.Value).Should()
            .BeEmpty("a German string identical to the English one is usually a copy that was never translated");
    }

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var set = Strings.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No portal strings for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}
