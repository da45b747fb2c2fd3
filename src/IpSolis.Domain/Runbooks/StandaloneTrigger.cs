namespace IpSolis.Domain.Runbooks;

/// <summary>Whether a standalone runbook starts a run now, and why not.</summary>
public static class StandaloneTrigger
{
    /// <summary>
    /// A scheduled tick: fires only for an active runbook whose schedule is on; with skip-if-running a tick that
    /// finds a run pending or running is skipped (recorded, never queued behind it).
    /// </summary>
    public static TriggerDecision OnTick(bool active, bool scheduleEnabled, bool skipIfRunning, bool hasUnfinishedRun)
    {
        if (!active)
            return new TriggerDecision(false, "The runbook is inactive.");
        if (!scheduleEnabled)
            return new TriggerDecision(false, "The runbook's schedule is switched off.");
        if (skipIfRunning && hasUnfinishedRun)
            return new TriggerDecision(false, "Skipped: a run of this runbook is still pending or running.");
        return new TriggerDecision(true, null);
    }

    /// <summary>An operator's manual start: the runbook must be active; skip-if-running applies here too, as a refusal.</summary>
    public static TriggerDecision OnManual(bool active, bool skipIfRunning, bool hasUnfinishedRun)
    {
        if (!active)
            return new TriggerDecision(false, "The runbook is inactive: activate it first.");
        if (skipIfRunning && hasUnfinishedRun)
            return new TriggerDecision(false, "A run of this runbook is still pending or running, and it does not run twice at once.");
        return new TriggerDecision(true, null);
    }
}
