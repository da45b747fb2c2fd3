namespace IpSolis.Server.Platform.Jobs;

/// <summary>How one attempt ended, from the worker's point of view.</summary>
public enum JobRunOutcome
{
    /// <summary>The handler succeeded and wrote nothing through the job's unit of work: the caller still has to
    /// record the success (the worker does it in batches).</summary>
    SucceededWithoutDatabase,
    Succeeded,
    /// <summary>Failed or timed out; will be retried.</summary>
    Failed,
    Dead,
    /// <summary>Cancelled by an operator or taken over by another node: nothing was recorded.</summary>
    Lost,
    /// <summary>Handed back at shutdown.</summary>
    Released,
}
