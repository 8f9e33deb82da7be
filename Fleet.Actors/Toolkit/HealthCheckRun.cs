using Fleet.Actors.Apply;
using Fleet.Actors.Apply.Health;

namespace Fleet.Actors.Toolkit;

/// <summary>
/// The health wait of a run on the run's clock: what the rest of the run's timeout leaves (at least
/// <see cref="MinimumWait"/>), failing fast, and the time it took, which Flux's Healthy condition reports.
/// </summary>
public sealed class HealthCheckRun(TimeProvider clock)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(5);

    /// <summary>Waits for <paramref name="targets"/>; null when there are none, as Flux then sets no Healthy condition.</summary>
    public async Task<HealthOutcome?> WaitAsync(
        ResourceManager manager, IReadOnlyList<ObjectRef> targets, TimeSpan timeout, TimeSpan elapsed, CancellationToken cancellation)
    {
        if (targets.Count == 0)
        {
            return null;
        }
        var remaining = timeout - elapsed > MinimumWait ? timeout - elapsed : MinimumWait;
        var started = clock.GetTimestamp();
        var result = await new HealthWaiter(manager.GetAsync, clock).WaitAsync(targets, remaining, PollInterval, failFast: true, cancellation);
        return new HealthOutcome(result, clock.GetElapsedTime(started));
    }

    /// <summary>Waits until every target is gone (deletionPolicy WaitForTermination).</summary>
    public Task WaitForTerminationAsync(ResourceManager manager, IReadOnlyList<ObjectRef> targets, TimeSpan timeout, CancellationToken cancellation) =>
        new HealthWaiter(manager.GetAsync, clock).WaitForTerminationAsync(targets, timeout, PollInterval, cancellation);
}
