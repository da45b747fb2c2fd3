namespace IpSolis.Server.Tests.Audit;

/// <summary>Direct-to-database changes to a 10-row audit log, one per kind of tampering the chain must reveal.</summary>
internal static class AuditTampering
{
    public static string[] Statements(string tampering) => tampering switch
    {
        // Change what row 3 says, leaving its stored hash as it was.
        "edit" => ["UPDATE audit_log SET new_values = '{\"n\":999}' WHERE sequence = 3"],
        // Remove row 4 from the middle.
        "delete" => ["DELETE FROM audit_log WHERE sequence = 4"],
        // Swap rows 5 and 6 (through a free number: sequence is unique).
        "reorder" =>
        [
            "UPDATE audit_log SET sequence = -1 WHERE sequence = 5",
            "UPDATE audit_log SET sequence = 5 WHERE sequence = 6",
            "UPDATE audit_log SET sequence = 6 WHERE sequence = -1",
        ],
        // Cut off the newest rows, 8 to 10.
        "truncate" => ["DELETE FROM audit_log WHERE sequence > 7"],
        // Point the chain head at a different last hash: the head itself is checked too.
        "edit-head" => ["UPDATE audit_chain_head SET last_hash = '" + new string('a', 64) + "'"],
        _ => throw new ArgumentOutOfRangeException(nameof(tampering), tampering, null),
    };
}
