using System.Text.Json;
using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary><c>http.request</c>: one HTTP call with an expected status and values captured from its JSON answer.</summary>
public sealed class HttpRequestModule(HttpStepClient client) : IRunbookModule
{
    public string Key => "http.request";

    public string Category => "HTTP";

    public string Name => "HTTP request";

    public string Description => "Calls Url with Method, Headers (JSON object) and Body; fails unless the status is in ExpectStatus (default 2xx). Capture (JSON object name → dotted path) copies values from a JSON answer into outputs; status and body are outputs too. TLS is validated unless SkipTlsValidation is true.";

    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("Url", ParameterType.String, Required: true),
        new("Method", ParameterType.String, Default: "GET"),
        new("Headers", ParameterType.Json),
        new("Body", ParameterType.String),
        new("ContentType", ParameterType.String, Default: "application/json"),
        new("ExpectStatus", ParameterType.String, Description: "Comma-separated status codes; empty for any 2xx."),
        new("Capture", ParameterType.Json, Description: "{\"vm_id\": \"data.id\"}"),
        new("SkipTlsValidation", ParameterType.Bool, Default: "false"),
    ];

    /// <summary>status and body, plus each key of Capture when Capture is a JSON object as written (not built from placeholders).</summary>
    public IReadOnlyList<string>? OutputsFor(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var capture = parameters.FirstOrDefault(p => string.Equals(p.Key, "Capture", StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrWhiteSpace(capture))
            return ["status", "body"];
        try
        {
            using var document = JsonDocument.Parse(capture);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? ["status", "body", .. document.RootElement.EnumerateObject().Select(p => p.Name)]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            var (status, body) = await client.SendAsync(step, cancellationToken);
            var outputs = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["body"] = body.Length <= 4000 ? body : body[..4000],
            };
            if (step.Get("Capture") is { Length: > 0 } capture)
            {
                using var document = JsonDocument.Parse(capture);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    return StepResult.Failure("Capture must be a JSON object of output name → dotted path.", outputs);
                foreach (var item in document.RootElement.EnumerateObject())
                {
                    var path = item.Value.GetString() ?? "";
                    if (HttpStepClient.Select(body, path) is { } value)
                        outputs[item.Name] = value;
                    else
                        return StepResult.Failure($"The answer has no value at '{path}' (for {item.Name}).", outputs);
                }
            }

            return HttpStepClient.Expected(step.Get("ExpectStatus"), status)
                ? StepResult.Success(outputs)
                : StepResult.Failure($"Expected status {step.Get("ExpectStatus") ?? "2xx"}, got {status}.", outputs);
        }
        catch (Exception ex) when (ex is StepInputException or JsonException or HttpRequestException)
        {
            return StepResult.Failure(ex.Message);
        }
    }
}
