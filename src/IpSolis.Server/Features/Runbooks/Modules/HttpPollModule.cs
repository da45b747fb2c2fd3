using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary>
/// <c>http.poll</c>: asks a URL again and again until its answer meets a condition (expected status, and optionally
/// a value at a dotted path equal to <c>Equals</c>) or the step's timeout ends it.
/// </summary>
public sealed class HttpPollModule(HttpStepClient client, TimeProvider time) : IRunbookModule
{
    public string Key => "http.poll";

    public string Category => "HTTP";

    public string Name => "Wait until a URL answers";

    public string Description => "Polls Url every IntervalSeconds until the status is in ExpectStatus (default 2xx) and, when Path is set, the JSON value at Path equals Equals. The step's timeout bounds the wait.";

    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("Url", ParameterType.String, Required: true),
        new("Method", ParameterType.String, Default: "GET"),
        new("Headers", ParameterType.Json),
        new("ExpectStatus", ParameterType.String),
        new("Path", ParameterType.String),
        new("Equals", ParameterType.String),
        new("IntervalSeconds", ParameterType.Int, Default: "10"),
        new("SkipTlsValidation", ParameterType.Bool, Default: "false"),
    ];

    public IReadOnlyList<string>? OutputsFor(IReadOnlyDictionary<string, string> parameters) => ["status", "value", "polls"];

    public async Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var interval = TimeSpan.FromSeconds(Math.Clamp(step.Int("IntervalSeconds", 10), 1, 3600));
        for (var poll = 1; ; poll++)
        {
            try
            {
                var (status, body) = await client.SendAsync(step, cancellationToken);
                var value = step.Get("Path") is { Length: > 0 } path ? HttpStepClient.Select(body, path) : null;
                var met = HttpStepClient.Expected(step.Get("ExpectStatus"), status)
                    && (step.Get("Path") is not { Length: > 0 } || value == (step.Get("Equals") ?? ""));
                if (met)
                {
                    return StepResult.Success(new Dictionary<string, string>
                    {
                        ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["value"] = value ?? "",
                        ["polls"] = poll.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    });
                }

                step.Log($"poll {poll}: not yet (status {status}{(value is null ? "" : $", value {value}")})");
            }
            catch (StepInputException ex)
            {
                return StepResult.Failure(ex.Message);
            }
            catch (HttpRequestException ex)
            {
                step.Log($"poll {poll}: {ex.Message}");
            }

            await Task.Delay(interval, time, cancellationToken);
        }
    }
}
