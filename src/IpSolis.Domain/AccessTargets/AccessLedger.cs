using System.Security.Cryptography;
using System.Text;

namespace IpSolis.Domain.AccessTargets;

/// <summary>
/// Arithmetic over the append-only access ledger. An order holds a grant while its latest row for that person and
/// group is a grant; rows are only ever appended, so history stays and a revoke of one order never touches what
/// another order holds.
/// </summary>
public static class AccessLedger
{
    /// <summary>What <paramref name="orderId"/> holds now, in the order it was first granted.</summary>
    public static IReadOnlyList<AccessGrant> HeldBy(IEnumerable<AccessLedgerEntry> entries, long orderId)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var held = new List<AccessGrant>();
        foreach (var entry in entries.Where(e => e.OrderId == orderId))
        {
            if (entry.Action == AccessAction.Grant && !held.Contains(entry.Grant))
                held.Add(entry.Grant);
            else if (entry.Action == AccessAction.Revoke)
                held.Remove(entry.Grant);
        }

        return held;
    }

    /// <summary>The orders that hold <paramref name="grant"/> now (rows in the order they were written).</summary>
    public static IReadOnlySet<long> Holders(IEnumerable<AccessLedgerEntry> entries, AccessGrant grant)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var holders = new HashSet<long>();
        foreach (var entry in entries.Where(e => e.Grant == grant))
        {
            if (entry.Action == AccessAction.Grant)
                holders.Add(entry.OrderId);
            else
                holders.Remove(entry.OrderId);
        }

        return holders;
    }

    /// <summary>
    /// What a run must change so that <paramref name="orderId"/> holds exactly <paramref name="wanted"/>: grants it
    /// lacks, and grants it holds that are no longer wanted. A provision passes what the type names; a change passes
    /// what the type names with the changed people; an end passes nothing.
    /// </summary>
    public static AccessChange Difference(IEnumerable<AccessLedgerEntry> entries, long orderId, IEnumerable<AccessGrant> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var held = HeldBy(entries, orderId);
        var want = wanted.Distinct().ToList();
        var change = new AccessChange(want.Where(w => !held.Contains(w)).ToList(), held.Where(h => !want.Contains(h)).ToList());
        return change.IsEmpty ? AccessChange.None : change;
    }

    /// <summary>
    /// Whether taking <paramref name="grant"/> back from <paramref name="orderId"/> must reach the directory: only when
    /// no other order that is still active (<paramref name="activeOrderIds"/>) holds the same person in the same group.
    /// A holder that is no longer active (ended outside the ledger) does not keep the membership alive.
    /// </summary>
    public static bool MustLeaveDirectory(IEnumerable<AccessLedgerEntry> entries, AccessGrant grant, long orderId, IReadOnlySet<long> activeOrderIds)
    {
        ArgumentNullException.ThrowIfNull(activeOrderIds);
        return !Holders(entries, grant).Any(holder => holder != orderId && activeOrderIds.Contains(holder));
    }

    /// <summary>
    /// The key that makes a row unique: one action, for the holding order, written by one run (the provision, change or
    /// end order), for one person in one group. A repeated run computes the same key and cannot write the row twice;
    /// a later change that grants the same person again runs as another order and writes a new row.
    /// </summary>
    public static string IdempotencyKey(AccessAction action, long orderId, long runOrderId, AccessGrant grant)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(grant.Group + "\n" + grant.Principal));
        var verb = action == AccessAction.Grant ? "grant" : "revoke";
        return FormattableString.Invariant($"{verb}:{orderId}:{runOrderId}:{Convert.ToHexStringLower(hash)}");
    }
}
