using Microsoft.Extensions.Options;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>Checks the runbooks section at start: interpreter names and executables are well formed, limits in range.</summary>
public sealed class RunbookOptionsValidator : IValidateOptions<RunbookOptions>
{
    public ValidateOptionsResult Validate(string? name, RunbookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (interpreter, executable) in options.Interpreters)
        {
            if (string.IsNullOrEmpty(interpreter) || !interpreter.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
                failures.Add($"Runbooks:Interpreters: '{interpreter}' is not an interpreter name (lower-case letters and digits).");
            if (string.IsNullOrWhiteSpace(executable) || executable.Any(char.IsWhiteSpace))
                failures.Add($"Runbooks:Interpreters:{interpreter} must name one executable (a name on PATH or an absolute path, no arguments).");
        }

        if (options.MaxLogBytes is < 1024 or > 1048576)
            failures.Add("Runbooks:MaxLogBytes must be between 1024 and 1048576.");
        if (!string.IsNullOrEmpty(options.WorkDirectory) && !Path.IsPathFullyQualified(options.WorkDirectory))
            failures.Add("Runbooks:WorkDirectory must be an absolute path.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
