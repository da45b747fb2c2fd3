namespace IpSolis.Domain.Access;

/// <summary>
/// The administrators' role ladder: each role can do everything the roles below it can. The numeric order is the
/// ladder order, so <c>role &gt;= AdminRole.Approver</c> reads "approver or higher".
/// </summary>
public enum AdminRole
{
    Helpdesk = 1,
    Auditor = 2,
    Approver = 3,
    Admin = 4,
    Superadmin = 5,
}
