using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// When an entity reconciles next: its interval after a success, moved at random by Flux's jitter so that many
/// objects with one interval do not fire together; after a failure, what the kind's <see cref="RetryRule"/> says.
/// </summary>
public sealed class ReconcileSchedule(double jitterFraction, TimeSpan minRetryDelay, TimeSpan maxRetryDelay, Func<double> random)
{
    /// <summary>Flux's smallest retry delay (<c>--min-retry-delay</c>).</summary>
    public static readonly TimeSpan DefaultMinRetryDelay = TimeSpan.FromMilliseconds(750);

    public static ReconcileSchedule Default { get; } = WithRetryDelays(DefaultMinRetryDelay, FluxDefaults.MaxRetryDelay);

    /// <summary>Used where no interval can be read from the object (e.g. a malformed spec).</summary>
    public static readonly TimeSpan FallbackInterval = TimeSpan.FromMinutes(10);

    /// <summary>Flux's jitter with a node's <c>--min-retry-delay</c> and <c>--max-retry-delay</c>.</summary>
    public static ReconcileSchedule WithRetryDelays(TimeSpan minRetryDelay, TimeSpan maxRetryDelay) =>
        new(FluxDefaults.IntervalJitterFraction, minRetryDelay, maxRetryDelay, Random.Shared.NextDouble);

    /// <summary>
    /// The longest spread of first reconciles after entities start. It is part of every failover (a dead node's entities
    /// restart on survivors), so it is kept short; the reconcile slots already keep a thousand restarts from running at once.
    /// </summary>
    public static readonly TimeSpan LongestStartSpread = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the first reconcile after an entity starts: spread over up to 5% of the interval, at most <see cref="LongestStartSpread"/>.</summary>
    public TimeSpan AfterStart(TimeSpan interval) =>
        TimeSpan.FromTicks((long)(Math.Min(interval.Ticks * jitterFraction, LongestStartSpread.Ticks) * random()));

    /// <summary>The next periodic run, or null for an interval of zero: as in Flux, such an object reconciles only when it changes.</summary>
    public TimeSpan? AfterSuccess(TimeSpan interval) => interval > TimeSpan.Zero ? Jitter(interval) : null;

    /// <summary>
    /// The delay after the <paramref name="consecutiveFailures"/>-th failure in a row: <paramref name="retryInterval"/> as it
    /// is for <see cref="RetryRule.RetryInterval"/> (Flux jitters only the interval after a success), else the minimum retry delay × 2^(failures−1), capped at the maximum.
    /// </summary>
    public TimeSpan AfterFailure(RetryRule rule, TimeSpan retryInterval, int consecutiveFailures)
    {
        if (rule == RetryRule.RetryInterval)
        {
            return retryInterval > TimeSpan.Zero ? retryInterval : minRetryDelay;
        }
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 62);
        return TimeSpan.FromTicks((long)Math.Min(minRetryDelay.Ticks * Math.Pow(2, exponent), maxRetryDelay.Ticks));
    }

    private TimeSpan Jitter(TimeSpan delay) =>
        TimeSpan.FromTicks((long)(delay.Ticks * (1 + jitterFraction * (2 * random() - 1))));
}
