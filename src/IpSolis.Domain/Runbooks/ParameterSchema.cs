using System.Globalization;

namespace IpSolis.Domain.Runbooks;

/// <summary>
/// The parameters a script module declares. A name is a portable environment variable name (a letter or '_', then
/// letters, digits, '_'; at most 64) and not one the runner sets itself (<c>IPSOLIS_*</c>, <c>PATH</c>, ...), so a
/// parameter can never replace the interpreter's environment.
/// </summary>
public static class ParameterSchema
{
    public const int MaxParameters = 50;

    public const int MaxValueLength = 65536;

    private static readonly string[] Reserved = ["PATH", "HOME", "SHELL", "IFS", "LD_PRELOAD", "LD_LIBRARY_PATH", "BASH_ENV", "ENV", "PYTHONPATH", "PYTHONSTARTUP", "PSMODULEPATH", "TMPDIR"];

    /// <summary>The problems with the declared parameters themselves (names, duplicates, defaults), each naming its field.</summary>
    public static IReadOnlyList<DomainError> CheckDefinitions(IReadOnlyList<ParameterDefinition> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<DomainError>();
        if (parameters.Count > MaxParameters)
            errors.Add(new DomainError("script.parameters_too_many", $"A module takes at most {MaxParameters} parameters.", "parameters"));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var field = $"parameters[{i}].name";
            if (CheckName(p.Name) is { } problem)
                errors.Add(new DomainError("script.parameter_name", problem, field));
            else if (!seen.Add(p.Name))
                errors.Add(new DomainError("script.parameter_duplicate", $"'{p.Name}' is declared twice (names are compared ignoring case).", field));
            if (p.Default is not null && CheckValue(p.Type, p.Default) is { } bad)
                errors.Add(new DomainError("script.parameter_default", $"The default of '{p.Name}' {bad}", $"parameters[{i}].default"));
        }

        return errors;
    }

    /// <summary>Null when <paramref name="name"/> can be a parameter name, else why not.</summary>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "A parameter needs a name.";
        if (name.Length > 64)
            return $"'{name[..20]}…' is longer than 64 characters.";
        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            return $"'{name}' is not an environment variable name: start with a letter or '_', then letters, digits and '_'.";
        if (name.StartsWith("IPSOLIS", StringComparison.OrdinalIgnoreCase) || Reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
            return $"'{name}' is reserved for the runner or the interpreter.";
        return null;
    }

    /// <summary>
    /// Checks the (already resolved) values a step gives the module: unknown names, missing required values, values
    /// of the wrong type. Returns the values to pass, defaults filled in, or every problem at once.
    /// </summary>
    public static Result<IReadOnlyDictionary<string, string>> Apply(IReadOnlyList<ParameterDefinition> parameters, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<DomainError>();
        var byName = parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var name in values.Keys.Where(k => !byName.ContainsKey(k)).Order(StringComparer.Ordinal))
            errors.Add(new DomainError("script.parameter_unknown", $"The module has no parameter '{name}'.", name));

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            var given = values.FirstOrDefault(v => string.Equals(v.Key, p.Name, StringComparison.OrdinalIgnoreCase)).Value;
            var value = string.IsNullOrEmpty(given) ? p.Default : given;
            if (string.IsNullOrEmpty(value))
            {
                if (p.Required)
                    errors.Add(new DomainError("script.parameter_required", $"'{p.Name}' is required.", p.Name));
                continue;
            }

            if (value.Length > MaxValueLength)
                errors.Add(new DomainError("script.parameter_too_long", $"'{p.Name}' is longer than {MaxValueLength} characters.", p.Name));
            else if (CheckValue(p.Type, value) is { } problem)
                errors.Add(new DomainError("script.parameter_type", $"'{p.Name}' {problem}", p.Name));
            else
                result[p.Name] = value;
        }

        return errors.Count > 0 ? Result<IReadOnlyDictionary<string, string>>.Failure([.. errors]) : result;
    }

    /// <summary>Null when <paramref name="value"/> is a valid <paramref name="type"/>, else the rest of a sentence saying why.</summary>
    public static string? CheckValue(ParameterType type, string value) => type switch
    {
        ParameterType.Int when !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => $"must be a whole number, not '{Shorten(value)}'.",
        ParameterType.Bool when value is not ("true" or "false") => $"must be true or false, not '{Shorten(value)}'.",
        ParameterType.Json when !LooksLikeJson(value) => "must be JSON (an object, array, string, number, true, false or null).",
        _ => null,
    };

    private static bool LooksLikeJson(string value)
    {
        // Domain has no JSON parser dependency by choice; the BCL's reader is enough and throws on malformed input.
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(value));
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
