using Fleet.Messages;

namespace Fleet.Actors.Reconciliation;

/// <summary>What a finished run's report of its upstreams asks of the entity.</summary>
/// <param name="Subscribe">Objects it now follows.</param>
/// <param name="Unsubscribe">Objects it no longer follows.</param>
/// <param name="ReconcileAgain">An upstream published a revision during the run that the run did not use.</param>
public sealed record UpstreamChanges(IReadOnlyList<ObjectKey> Subscribe, IReadOnlyList<ObjectKey> Unsubscribe, bool ReconcileAgain);
