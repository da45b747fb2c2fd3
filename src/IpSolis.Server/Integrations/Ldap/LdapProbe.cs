using System.Diagnostics;
using System.DirectoryServices.Protocols;
using IpSolis.Server.Features.Directory;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>
/// Connects and binds as the service account on a fresh connection (never a pooled one, so the answer is about
/// the server now), reads the base DN and optionally searches a sample of people, timing each step.
/// </summary>
public sealed class LdapProbe(LdapPersonDirectory directory) : IDirectoryProbe
{
    public async Task<DirectoryProbeReport> ProbeAsync(int sampleSize, CancellationToken cancellationToken)
    {
        LdapConfiguration configuration;
        try
        {
            configuration = await directory.ConfigurationAsync(cancellationToken);
        }
        catch (DirectoryUnavailableException ex)
        {
            return new DirectoryProbeReport("(not configured)", [new DirectoryProbeStep("Configuration", false, ex.Message, TimeSpan.Zero)], []);
        }

        var steps = new List<DirectoryProbeStep>();
        var sample = new List<DirectoryEntry>();
        var target = configuration.ToString();
        var clock = Stopwatch.StartNew();
        LdapConnection? connection = null;
        try
        {
            connection = await LdapConnections.OpenBoundedAsync(configuration, configuration.BindDn, configuration.BindPassword, cancellationToken);
            var security = configuration.Ldaps ? "LDAPS" : configuration.StartTls ? "StartTLS" : "plain LDAP (unencrypted)";
            steps.Add(new DirectoryProbeStep("Connect and bind", true, $"Bound as {configuration.BindDn} over {security}.", clock.Elapsed));

            clock.Restart();
            var bound = connection;
            var root = await Task.Run(() => LdapSearch.Base(bound, configuration, configuration.BaseDn, "(objectClass=*)", ["1.1"]), cancellationToken)
                .WaitAsync(LdapConnections.Deadline(configuration), cancellationToken);
            steps.Add(root is null
                ? new DirectoryProbeStep("Read the base DN", false, $"The base DN {configuration.BaseDn} does not exist or the service account cannot read it.", clock.Elapsed)
                : new DirectoryProbeStep("Read the base DN", true, $"{configuration.BaseDn} is readable.", clock.Elapsed));

            if (sampleSize > 0 && root is not null)
            {
                clock.Restart();
                var entries = await Task.Run(() => LdapSearch.Paged(bound, configuration, configuration.BaseDn, configuration.PeopleFilter,
                    SearchScope.Subtree, configuration.PersonAttributes, limit: sampleSize), cancellationToken)
                    .WaitAsync(LdapConnections.Deadline(configuration), cancellationToken);
                sample.AddRange(entries.Select(e => LdapSearch.Person(e, configuration)).OfType<LdapPerson>().Select(p => p.Entry));
                steps.Add(new DirectoryProbeStep("Sample search", entries.Count > 0,
                    entries.Count > 0
                        ? $"{entries.Count} people match {configuration.PeopleFilter} (first {sampleSize} read); {sample.Count} have an email."
                        : $"No entry matches the people filter {configuration.PeopleFilter} under {configuration.BaseDn}.",
                    clock.Elapsed));
            }
        }
        catch (LdapException ex)
        {
            steps.Add(new DirectoryProbeStep(steps.Count == 0 ? "Connect and bind" : "Search", false, LdapConnections.Unavailable(configuration, ex).Message, clock.Elapsed));
        }
        catch (DirectoryOperationException ex)
        {
            steps.Add(new DirectoryProbeStep("Search", false, $"The directory refused the search: {ex.Response?.ResultCode} {ex.Response?.ErrorMessage}".Trim(), clock.Elapsed));
        }
        catch (DirectoryUnavailableException ex)
        {
            steps.Add(new DirectoryProbeStep(steps.Count == 0 ? "Connect and bind" : "Search", false, ex.Message, clock.Elapsed));
        }
        catch (TimeoutException)
        {
            // The blocked search still uses the connection: abandon it rather than close it under the client's feet.
            connection = null;
            steps.Add(new DirectoryProbeStep("Search", false, $"The directory at {configuration.Address} did not answer within {LdapConnections.Deadline(configuration).TotalSeconds:0} s.", clock.Elapsed));
        }
        finally
        {
            connection?.Dispose();
        }

        return new DirectoryProbeReport(target, steps, sample);
    }
}
