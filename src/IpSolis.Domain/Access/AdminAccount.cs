namespace IpSolis.Domain.Access;

/// <summary>The facts about an administrator account the account rules look at.</summary>
public sealed record AdminAccount(long Id, AdminRole Role, bool IsActive);
