using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// The <c>directory</c> entry of <c>/health</c>. The local directory is part of the database (healthy when the
/// database is). An LDAP directory is bound to and read; when it cannot be reached the check is degraded, never an
/// error: ip·Solis keeps serving, and the pages that need the directory say so instead of failing.
/// </summary>
internal sealed class DirectoryHealthCheck(DirectoryInUse directory, [FromKeyedServices(DirectoryInUse.LdapKey)] IDirectoryProbe ldap) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (await directory.SourceAsync(cancellationToken) == DirectorySource.Local)
            return HealthCheckResult.Healthy("Local directory.", new Dictionary<string, object> { ["source"] = "local" });

        var report = await ldap.ProbeAsync(0, cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["source"] = "ldap",
            ["elapsedMs"] = (long)report.Steps.Sum(s => s.Elapsed.TotalMilliseconds),
        };
        return report.Succeeded
            ? HealthCheckResult.Healthy($"LDAP directory answers ({report.Target}).", data)
            : HealthCheckResult.Degraded($"LDAP directory unavailable: {report.Problem}", data: data);
    }
}
