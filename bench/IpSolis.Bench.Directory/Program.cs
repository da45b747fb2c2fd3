using System.Diagnostics;
using System.Globalization;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Integrations.Ldap;
using IpSolis.Server.Platform.Settings;
using Microsoft.Extensions.Caching.Memory;
using IpSolis.Bench.Directory;
using Microsoft.Extensions.Logging.Abstractions;

// Measures the LDAP adapter's person lookup and transitive group membership against a running slapd loaded with the
// test company (tests/IpSolis.Server.Tests/Directory/Fixtures/company.ldif), the way the server uses them:
//   cold   = cache off: every call searches the directory (lookup: one search; membership: the person's search plus
//            one search per nesting level until the group tree is exhausted, bounded at ten levels)
//   cached = cache on: the first call of each key fills the cache, the measured calls are answered from memory.
// Arguments: URL BIND_DN PASSWORD BASE_DN [ITERATIONS]. Prints one line per measurement: name, n, p50, p99, mean (ms).
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: IpSolis.Bench.Directory URL BIND_DN PASSWORD BASE_DN [ITERATIONS]");
    return 2;
}

var iterations = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 400;
LdapConfiguration Configuration(int cacheSeconds)
{
    var values = new Dictionary<string, string?>
    {
        [LdapSettings.Url.Key] = args[0],
        [LdapSettings.ServerType.Key] = "openldap",
        [LdapSettings.BindDn.Key] = args[1],
        [LdapSettings.BindPassword.Key] = args[2],
        [LdapSettings.BaseDn.Key] = args[3],
        [LdapSettings.CacheSeconds.Key] = cacheSeconds.ToString(CultureInfo.InvariantCulture),
    };
    return LdapConfiguration.From(new SettingsSnapshot(values, new HashSet<string>()), out var missing)
           ?? throw new InvalidOperationException("missing " + missing);
}

using var connections = new LdapConnections(NullLogger<LdapConnections>.Instance);
using var cache = new MemoryCache(new MemoryCacheOptions());
// Only the lookups that take a configuration are used: they need neither the settings store nor the database.
var directory = new LdapPersonDirectory(null!, connections, cache, null!, null!);
var cold = Configuration(0);
var cached = Configuration(300);

// The people to look up: every uid in the fixture, read once through the adapter's own paged search.
var everyone = (await connections.RunAsync(cold, c => LdapSearchAccess.AllUids(c, cold), CancellationToken.None)).ToArray();
Console.WriteLine($"# {everyone.Length} people in {args[3]} at {args[0]}; {iterations} iterations per measurement");
var random = new Random(7);
string Someone() => everyone[random.Next(everyone.Length)];

async Task Measure(string name, Func<Task> operation)
{
    for (var i = 0; i < 20; i++)
        await operation();
    var samples = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var clock = Stopwatch.StartNew();
        await operation();
        samples[i] = clock.Elapsed.TotalMilliseconds;
    }

    Array.Sort(samples);
    double Percentile(double p) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(p * samples.Length) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-34} n={iterations,5}  p50={Percentile(0.50),8:0.000} ms  p99={Percentile(0.99),8:0.000} ms  mean={samples.Average(),8:0.000} ms"));
}

await Measure("person lookup, cold", async () => _ = await directory.FindAsync(cold, Someone(), fresh: true, CancellationToken.None));
await Measure("transitive membership, cold", async () =>
{
    var person = await directory.FindAsync(cold, Someone(), fresh: true, CancellationToken.None);
    _ = (await directory.GroupsOfAsync(cold, person!.Dn, CancellationToken.None)).Count;
});
// Cached: each person's entry and group set is filled once, then every measured call is a cache hit.
foreach (var uid in everyone)
{
    var person = await directory.FindAsync(cached, uid, fresh: false, CancellationToken.None);
    if (person is not null)
        _ = await directory.GroupsOfAsync(cached, person.Dn, CancellationToken.None);
}

await Measure("person lookup, cached", async () => _ = await directory.FindAsync(cached, Someone(), fresh: false, CancellationToken.None));
await Measure("transitive membership, cached", async () =>
{
    var person = await directory.FindAsync(cached, Someone(), fresh: false, CancellationToken.None);
    _ = (await directory.GroupsOfAsync(cached, person!.Dn, CancellationToken.None)).Count;
});
return 0;
