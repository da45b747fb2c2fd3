namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// <c>Runbooks</c> section: the interpreters script modules may use (name → executable; a name not listed here is
/// refused when a module is saved, and an executable that is not installed fails the step with a clear error) and
/// where scripts run.
/// </summary>
public sealed class RunbookOptions
{
    public const string Section = "Runbooks";

    public Dictionary<string, string> Interpreters { get; set; } = new(StringComparer.Ordinal)
    {
        ["bash"] = "bash",
        ["python3"] = "python3",
        ["pwsh"] = "pwsh",
    };

    /// <summary>Where each attempt gets its private working directory; empty for the system temp directory.</summary>
    public string WorkDirectory { get; set; } = "";

    /// <summary>How much of a script's output is kept per step (bytes, newest kept).</summary>
    public int MaxLogBytes { get; set; } = 65536;

    /// <summary>Arguments per interpreter placed before the script path (<c>pwsh</c>: <c>-NoProfile -NonInteractive -File</c>).</summary>
    public static IReadOnlyList<string> ArgumentsFor(string interpreter) => interpreter switch
    {
        "pwsh" => ["-NoProfile", "-NonInteractive", "-File"],
        "python3" => ["-u"],
        _ => [],
    };
}
