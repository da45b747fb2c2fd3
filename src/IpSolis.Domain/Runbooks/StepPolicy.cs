namespace IpSolis.Domain.Runbooks;

/// <summary>
/// How one runbook step behaves when it fails or is interrupted: whether the run continues (<see cref="Critical"/>),
/// how often it is tried again with what pause between (exponential from <see cref="Backoff"/>, capped at
/// <see cref="MaxBackoff"/>), how long one attempt may take, and whether it runs even after the run failed or was
/// stopped (<see cref="AlwaysRun"/>, for clean-up).
/// </summary>
public sealed record StepPolicy(bool Critical, int Retries, TimeSpan Backoff, TimeSpan Timeout, bool AlwaysRun)
{
    public const int MaxRetries = 20;

    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(30);

    /// <summary>Critical, three retries 5 s apart (doubling), two minutes per attempt: the reference's defaults.</summary>
    public static StepPolicy Default { get; } = new(true, 3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2), false);

    /// <summary>At most 1 + <see cref="Retries"/> attempts.</summary>
    public int MaxAttempts => 1 + Retries;

    /// <summary>The problems with this policy, each naming its field; empty when it is usable.</summary>
    public IReadOnlyList<DomainError> Check()
    {
        var errors = new List<DomainError>();
        if (Retries is < 0 or > MaxRetries)
            errors.Add(new DomainError("runbook.step_retries", $"Retries are between 0 and {MaxRetries}.", "retries"));
        if (Backoff < TimeSpan.Zero || Backoff > MaxBackoff)
            errors.Add(new DomainError("runbook.step_backoff", $"The pause between attempts is between 0 and {MaxBackoff.TotalSeconds:0} seconds.", "backoffSeconds"));
        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > MaxTimeout)
            errors.Add(new DomainError("runbook.step_timeout", $"A step's timeout is between 1 second and {MaxTimeout.TotalHours:0} hours.", "timeoutSeconds"));
        return errors;
    }

    /// <summary>
    /// After attempt <paramref name="attempt"/> (1-based) failed: the pause before the next one, or null when the
    /// step has no attempts left.
    /// </summary>
    public TimeSpan? RetryAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (attempt >= MaxAttempts)
            return null;
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = Backoff.TotalMilliseconds * factor;
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxBackoff.TotalMilliseconds));
    }

    /// <summary>
    /// A step was found started but not finished (its worker died while it ran, after
    /// <paramref name="attemptsStarted"/> attempts began): its side effect may or may not have happened. It is run
    /// again only when its policy would have retried that attempt anyway; otherwise the run fails at the step, with
    /// a message telling the operator to check by hand.
    /// </summary>
    public InterruptedStepDecision OnInterrupted(int attemptsStarted, string stepName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsStarted, 1);
        return attemptsStarted < MaxAttempts
            ? new InterruptedStepDecision(true, null)
            : new InterruptedStepDecision(false,
                $"Step '{stepName}' was interrupted (its worker stopped) after attempt {attemptsStarted} of {MaxAttempts} had started; "
                + "it may have done part of its work, and its retry policy allows no further attempt. Check its effect, then retry the run.");
    }
}
