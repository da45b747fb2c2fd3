namespace IpSolis.Server.Features.Directory;

/// <summary>What a computer-account change found and did: the account's DN and whether the directory changed.</summary>
public sealed record ComputerAccountChange(string Dn, bool Changed);
