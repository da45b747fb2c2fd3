namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// A script stored in the database, run by a configured interpreter. Its category is the part of its name before
/// " - " (<c>AD - Delete Computeraccount</c>). Parameters reach it as environment variables and as a JSON file
/// (<c>$IPSOLIS_PARAMS_FILE</c>), never spliced into its text.
/// </summary>
public sealed class ScriptModule
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    /// <summary>A configured interpreter name: <c>bash</c>, <c>python3</c>, <c>pwsh</c>.</summary>
    public required string Interpreter { get; set; }

    public string Content { get; set; } = "";

    /// <summary>JSON array of <see cref="Domain.Runbooks.ParameterDefinition"/>.</summary>
    public string ParametersJson { get; set; } = "[]";

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string Category => Name.Contains(" - ", StringComparison.Ordinal) ? Name[..Name.IndexOf(" - ", StringComparison.Ordinal)] : "Other";

    /// <summary>
    /// The keys the script's result object carries, as its author declares them in a comment line
    /// (<c># outputs: hostname, owner</c>; <c>//</c> and <c>--</c> comments work too); null when no line declares them.
    /// A script's outputs are only known when it runs, so the declaration is what the editor can suggest.
    /// </summary>
    public IReadOnlyList<string>? DeclaredOutputs
    {
        get
        {
            foreach (var raw in Content.Split('\n'))
            {
                var line = raw.Trim();
                var comment = line.StartsWith('#') ? line[1..] : line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith("--", StringComparison.Ordinal) ? line[2..] : null;
                if (comment is null)
                    continue;
                comment = comment.Trim();
                if (!comment.StartsWith("outputs:", StringComparison.OrdinalIgnoreCase))
                    continue;
                return [.. comment["outputs:".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Where(k => k.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')).Distinct(StringComparer.Ordinal)];
            }

            return null;
        }
    }
}
