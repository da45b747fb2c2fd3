namespace IpSolis.Server.Features.Directory;

/// <summary>What a probe of the directory found, step by step, with how long each step took.</summary>
/// <param name="Target">Where it connected, like <c>ldaps://dc1.example.com:636 as cn=svc,…</c> (never a password).</param>
/// <param name="Sample">People read by the sample search.</param>
public sealed record DirectoryProbeReport(string Target, IReadOnlyList<DirectoryProbeStep> Steps, IReadOnlyList<DirectoryEntry> Sample)
{
    public bool Succeeded => Steps.Count > 0 && Steps.All(s => s.Succeeded);

    /// <summary>The first failed step's message, or null.</summary>
    public string? Problem => Steps.FirstOrDefault(s => !s.Succeeded)?.Message;
}
