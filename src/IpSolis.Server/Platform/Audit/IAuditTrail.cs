using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// Appends to the tamper-evident audit log in the caller's unit of work: <see cref="Record"/> adds the row to
/// <paramref name="db"/>, and the caller's own <c>SaveChanges</c> writes it together with the change it describes
/// (and takes its place in the hash chain then), so a change is never saved without its audit row or vice versa.
/// </summary>
public interface IAuditTrail
{
    void Record(IpSolisDbContext db, AuditActor actor, AuditEvent auditEvent);
}
