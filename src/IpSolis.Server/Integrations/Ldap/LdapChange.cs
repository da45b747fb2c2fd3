namespace IpSolis.Server.Integrations.Ldap;

/// <summary>What one add, modify or delete request came to, in the terms an idempotent step needs.</summary>
internal enum LdapChange
{
    /// <summary>The directory made the change.</summary>
    Done,

    /// <summary>The wanted state already held (the entry exists, or the value is already there).</summary>
    Unchanged,

    /// <summary>There is no entry at the DN (for a delete: the wanted state holds).</summary>
    Missing,

    /// <summary>An entry is at the DN but it is not the kind the step may touch.</summary>
    WrongKind,

    /// <summary>The directory refused: rights, schema, or a constraint.</summary>
    Refused,

    /// <summary>The container the entry should go in does not exist.</summary>
    NoParent,

    /// <summary>The value changed between reading and writing it.</summary>
    Conflict,
}
