namespace IpSolis.Domain.Approvals;

/// <summary>How a group of conditions combines its clauses: all, any, or the opposite of its single clause.</summary>
public enum ApprovalCombinator
{
    And,
    Or,
    Not,
}
