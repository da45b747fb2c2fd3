namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// What the templates of a step may read at its place in a runbook: the declared outputs of the steps before it, the
/// order and its asset (asset-bound runbooks only: a standalone run has no order), and the global variables. The
/// editor offers exactly these paths; a save refuses a path outside them, so a typo is a form error and not a run
/// that fails at 3 am. A step whose outputs cannot be known before it runs (a script without an <c># outputs:</c>
/// line) is offered without keys and any key of it is accepted.
/// </summary>
public sealed class TemplateVocabulary
{
    /// <summary>The <c>order.*</c> values a run of an order provides (<see cref="RunVariables.LoadAsync"/> sets each).</summary>
    public static readonly IReadOnlyList<string> OrderKeys =
    [
        "id", "action", "requester_email", "requester_name", "owner_email", "owner_name", "requested_from", "requested_until",
        "rdp_users", "admin_users", "parent_order_id", "asset_type_id", "asset_type_name",
    ];

    /// <summary>The <c>asset.*</c> values of the order's asset.</summary>
    public static readonly IReadOnlyList<string> AssetKeys = ["id", "name", "status"];

    private readonly bool _standalone;
    private readonly IReadOnlyList<string> _variables;
    private readonly IReadOnlyList<StepOutputs> _steps;

    public TemplateVocabulary(bool standalone, IEnumerable<string> variableKeys, IEnumerable<StepOutputs> steps)
    {
        ArgumentNullException.ThrowIfNull(variableKeys);
        ArgumentNullException.ThrowIfNull(steps);
        _standalone = standalone;
        _variables = [.. variableKeys.Order(StringComparer.Ordinal)];
        _steps = [.. steps];
    }

    /// <summary>Every placeholder the step at <paramref name="index"/> (0-based; the step count for a new last step)
    /// may use, written as it is typed (<c>{{steps.reserve.asset_id}}</c>): earlier steps first, then order, asset, variables.</summary>
    public IReadOnlyList<string> SuggestionsFor(int index)
    {
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in _steps.Take(Math.Clamp(index, 0, _steps.Count)))
        {
            if (!seen.Add(step.Name))
                continue;
            paths.AddRange((step.Outputs ?? []).Select(key => $"steps.{step.Name}.{key}"));
        }

        if (!_standalone)
        {
            paths.AddRange(OrderKeys.Select(k => "order." + k));
            paths.AddRange(AssetKeys.Select(k => "asset." + k));
        }

        paths.AddRange(_variables.Select(k => "vars." + k));
        return [.. paths.Select(p => "{{" + p + "}}")];
    }

    /// <summary>Null when the step at <paramref name="index"/> may read <paramref name="path"/> (a well-formed
    /// placeholder path without braces), otherwise what is wrong, naming the placeholder.</summary>
    public string? Problem(string path, int index)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('.');
        var shown = "{{" + path + "}}";
        switch (segments[0])
        {
            case "vars":
                var key = string.Join('.', segments[1..]);
                return _variables.Contains(key, StringComparer.Ordinal)
                    ? null
                    : $"{shown} names no global variable: there is no '{key}' (add it under Global variables first).";
            case "order" or "asset":
                if (_standalone)
                    return $"{shown}: a standalone runbook runs without an order, so {segments[0]}.* has no value.";
                var keys = segments[0] == "order" ? OrderKeys : AssetKeys;
                return segments.Length == 2 && keys.Contains(segments[1], StringComparer.Ordinal)
                    ? null
                    : $"{shown} is not a value of the {segments[0]}; it has {string.Join(", ", keys.Select(k => segments[0] + "." + k))}.";
            case "steps":
                var earlier = _steps.Take(Math.Clamp(index, 0, _steps.Count)).FirstOrDefault(s => s.Name == segments[1]);
                if (earlier is null)
                    return $"{shown} reads a step that does not run before this one.";
                if (earlier.Outputs is null || (segments.Length == 3 && earlier.Outputs.Contains(segments[2], StringComparer.Ordinal)))
                    return null;
                return earlier.Outputs.Count == 0
                    ? $"{shown}: step '{earlier.Name}' has no outputs."
                    : $"{shown}: step '{earlier.Name}' outputs {string.Join(", ", earlier.Outputs)}.";
            default:
                return $"{shown} is not a value a step can read.";
        }
    }
}
