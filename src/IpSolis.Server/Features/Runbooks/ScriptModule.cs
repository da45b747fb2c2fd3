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
}
