namespace Fleet.Actors.Reconciliation;

/// <summary>How a kind's controller in Flux retries a failed run.</summary>
public enum RetryRule
{
    /// <summary>
    /// controller-runtime's per-object exponential limiter, as the source controllers and the others use it: from
    /// <c>--min-retry-delay</c>, doubled per consecutive failure, up to <c>--max-retry-delay</c>.
    /// </summary>
    Backoff,

    /// <summary>Kustomization and HelmRelease: a constant <c>spec.retryInterval</c> (default <c>spec.interval</c>), without jitter.</summary>
    RetryInterval,
}
