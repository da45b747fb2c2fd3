using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary>
/// The HTTP calls of the <c>http.*</c> modules: TLS certificates are validated unless the step says
/// <c>SkipTlsValidation</c>; headers come from a JSON object; output values are captured from a JSON answer by dotted
/// paths (<c>data.items.0.id</c>).
/// </summary>
public sealed class HttpStepClient : IDisposable
{
    private readonly HttpClient _validating = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    private readonly HttpClient _trusting = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // Only when a step asks for it in so many words (self-signed lab hypervisors); the step's log says so.
        SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<(int Status, string Body)> SendAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!Uri.TryCreate(step.Get("Url"), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new StepInputException("Url must be an absolute http or https URL.");
        var method = new HttpMethod((step.Get("Method") ?? "GET").ToUpperInvariant());
        using var request = new HttpRequestMessage(method, url);
        if (step.Get("Body") is { Length: > 0 } body)
            request.Content = new StringContent(body, Encoding.UTF8, step.Get("ContentType") ?? "application/json");
        if (step.Get("Headers") is { Length: > 0 } headers)
        {
            using var document = JsonDocument.Parse(headers);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new StepInputException("Headers must be a JSON object of name → value.");
            foreach (var header in document.RootElement.EnumerateObject())
            {
                var value = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
                if (!request.Headers.TryAddWithoutValidation(header.Name, value))
                    request.Content?.Headers.TryAddWithoutValidation(header.Name, value);
            }
        }

        var skip = step.Flag("SkipTlsValidation");
        if (skip && url.Scheme == "https")
            step.Log("TLS certificate validation is OFF for this step.");
        step.Log($"{method} {url.GetLeftPart(UriPartial.Path)}");
        using var response = await (skip ? _trusting : _validating).SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        step.Log($"→ {(int)response.StatusCode}");
        return ((int)response.StatusCode, text);
    }

    /// <summary>Whether <paramref name="status"/> is one of the expected (comma-separated; empty means 2xx).</summary>
    public static bool Expected(string? expected, int status)
    {
        if (string.IsNullOrWhiteSpace(expected))
            return status is >= 200 and < 300;
        return expected.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(e => int.TryParse(e, CultureInfo.InvariantCulture, out var code) && code == status);
    }

    /// <summary>The value at a dotted path of a JSON text (strings as they are, other values as JSON), or null.</summary>
    public static string? Select(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var element = document.RootElement;
            foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(segment, out var child))
                    element = child;
                else if (element.ValueKind == JsonValueKind.Array && int.TryParse(segment, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < element.GetArrayLength())
                    element = element[index];
                else
                    return null;
            }

            return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _validating.Dispose();
        _trusting.Dispose();
    }
}
