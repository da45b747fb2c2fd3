namespace IpSolis.Domain.Approvals;

/// <summary>How a rule clause compares an order fact with its value. The wire form is the symbol or word
/// (<see cref="ApprovalOperators"/>), as operators type it in the rule editor.</summary>
public enum ApprovalOperator
{
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
    EqualTo,
    NotEqualTo,
    Contains,
    In,
}
