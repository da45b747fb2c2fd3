namespace IpSolis.Domain.Runbooks;

/// <summary>What an asset-bound runbook does for its type. A standalone runbook has none. Wire names: provision, modify, deprovision.</summary>
public enum RunbookAction
{
    Provision,
    Modify,
    Deprovision,
}
