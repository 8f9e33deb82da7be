using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// When an entity reconciles next: its interval after a success, <c>retryInterval</c> doubled per
/// consecutive failure after a failure (capped), each moved at random by Flux's jitter so that many
/// objects with one interval do not fire together.
/// </summary>
public sealed class ReconcileSchedule(double jitterFraction, TimeSpan maxRetryDelay, Func<double> random)
{
    public static ReconcileSchedule Default { get; } =
        new(FluxDefaults.IntervalJitterFraction, FluxDefaults.MaxRetryDelay, Random.Shared.NextDouble);

    /// <summary>Used where no interval can be read from the object (e.g. a malformed spec).</summary>
    public static readonly TimeSpan FallbackInterval = TimeSpan.FromMinutes(10);

    /// <summary>Delay before the first reconcile after an entity starts: spread over up to 5% of the interval, at most 5 s.</summary>
    public TimeSpan AfterStart(TimeSpan interval) =>
        TimeSpan.FromTicks((long)(Math.Min(interval.Ticks * jitterFraction, TimeSpan.FromSeconds(5).Ticks) * random()));

    /// <summary>Flux's smallest retry delay, used when an object asks for none.</summary>
    public static readonly TimeSpan MinimumRetryDelay = TimeSpan.FromMilliseconds(750);

    /// <summary>The next periodic run, or null for an interval of zero: as in Flux, such an object reconciles only when it changes.</summary>
    public TimeSpan? AfterSuccess(TimeSpan interval) => interval > TimeSpan.Zero ? Jitter(interval) : null;

    /// <summary><paramref name="retryInterval"/> (at least <see cref="MinimumRetryDelay"/>) × 2^(failures−1), capped at the larger of the cap and the retry interval.</summary>
    public TimeSpan AfterFailure(TimeSpan retryInterval, int consecutiveFailures)
    {
        retryInterval = retryInterval > TimeSpan.Zero ? retryInterval : MinimumRetryDelay;
        var cap = Math.Max(maxRetryDelay.Ticks, retryInterval.Ticks);
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 30);
        var ticks = Math.Min(retryInterval.Ticks * Math.Pow(2, exponent), cap);
        return Jitter(TimeSpan.FromTicks((long)ticks));
    }

    private TimeSpan Jitter(TimeSpan delay) =>
        TimeSpan.FromTicks((long)(delay.Ticks * (1 + jitterFraction * (2 * random() - 1))));
}
