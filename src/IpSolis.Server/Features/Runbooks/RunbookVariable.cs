namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// A global variable steps read as <c>{{vars.&lt;key&gt;}}</c> (hypervisor URL, SCCM endpoint, service credentials). A secret one
/// is stored sealed and is masked in every log, output, API answer and audit row.
/// </summary>
public sealed class RunbookVariable
{
    public long Id { get; set; }

    public required string Key { get; set; }

    /// <summary>Plain text, or for a secret the sealed value (<c>enc:v1:...</c>).</summary>
    public string Value { get; set; } = "";

    public bool IsSecret { get; set; }

    public string Description { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
