using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

// Usage: IpSolis.Bench.ApprovalDecisions BASE_URL TOKENS_FILE CLIENTS DURATION_SECONDS WARMUP_SECONDS
// Each client takes the next token, GETs /approve/{token}, then POSTs the page's form with "approve". Latencies of
// the GET, the POST and the pair are recorded after the warm-up; the run ends after the duration or the last token.
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: BASE_URL TOKENS_FILE CLIENTS DURATION_SECONDS WARMUP_SECONDS");
    return 2;
}

var baseUrl = new Uri(args[0]);
var tokens = new ConcurrentQueue<string>(File.ReadLines(args[1]).Where(l => l.Length > 0));
var clients = int.Parse(args[2], CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture));
var warmup = TimeSpan.FromSeconds(double.Parse(args[4], CultureInfo.InvariantCulture));
var total = tokens.Count;

var gets = new ConcurrentBag<double>();
var posts = new ConcurrentBag<double>();
var pairs = new ConcurrentBag<double>();
var statuses = new ConcurrentDictionary<string, int>();
var clock = Stopwatch.StartNew();
var measuredDecisions = 0;

async Task ClientAsync()
{
    using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
    using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    while (clock.Elapsed < warmup + duration && tokens.TryDequeue(out var token))
    {
        var path = "/approve/" + token;
        var started = clock.Elapsed;
        using var get = await http.GetAsync(path);
        var page = await get.Content.ReadAsStringAsync();
        var afterGet = clock.Elapsed;
        statuses.AddOrUpdate("GET " + (int)get.StatusCode, 1, (_, n) => n + 1);
        // The layout has forms of its own (language, theme): take the one that decides.
        var form = Regex.Matches(page, "<form method=\"post\".*?</form>", RegexOptions.Singleline)
            .Select(m => m.Value).FirstOrDefault(f => f.Contains("name=\"Form.Decision\"", StringComparison.Ordinal)) ?? "";
        if (form.Length == 0)
        {
            statuses.AddOrUpdate("GET without a form", 1, (_, n) => n + 1);
            continue;
        }

        var fields = Regex.Matches(form, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(new("Form.Decision", "approve"))
            .Append(new("Form.Comment", ""))
            .ToList();
        var cookies = get.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(c => c.Split(';')[0])) : "";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (cookies.Length > 0)
            request.Headers.Add("Cookie", cookies);
        using var post = await http.SendAsync(request);
        var answer = await post.Content.ReadAsStringAsync();
        var finished = clock.Elapsed;
        statuses.AddOrUpdate("POST " + (int)post.StatusCode, 1, (_, n) => n + 1);
        if (started >= warmup)
        {
            gets.Add((afterGet - started).TotalMilliseconds);
            posts.Add((finished - afterGet).TotalMilliseconds);
            pairs.Add((finished - started).TotalMilliseconds);
            Interlocked.Increment(ref measuredDecisions);
        }
    }
}

await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(ClientAsync)));
var measuredFor = clock.Elapsed - warmup;

static string Summary(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    if (sorted.Length == 0)
        return "no samples";
    double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50),7:F1} ms  p99 {At(0.99),7:F1} ms  max {sorted[^1],7:F1} ms  ({sorted.Length} samples)");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clients {clients}, tokens {total}, measured {measuredDecisions} decisions in {measuredFor.TotalSeconds:F1} s after a {warmup.TotalSeconds:F0} s warm-up: {measuredDecisions / measuredFor.TotalSeconds:F1} decisions/s"));
Console.WriteLine("GET  /approve/{token}        " + Summary(gets));
Console.WriteLine("POST /approve/{token}        " + Summary(posts));
Console.WriteLine("one-click decision (GET+POST) " + Summary(pairs));
Console.WriteLine("responses: " + string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value}")));
return 0;
