namespace IpSolis.Browser.Tests.Infrastructure;

/// <summary>Where screenshots go: beside the test binaries always, and to IPSOLIS_SCREENSHOT_DIR when CI collects them.</summary>
public static class Screenshots
{
    public static IEnumerable<string> Directories()
    {
        yield return Path.Combine(AppContext.BaseDirectory, "screenshots");
        var extra = Environment.GetEnvironmentVariable("IPSOLIS_SCREENSHOT_DIR");
        if (!string.IsNullOrWhiteSpace(extra))
            yield return extra;
    }
}
