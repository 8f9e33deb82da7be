using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Actors.Reconciliation;

/// <summary>Creates the reconciler of an entity when it starts, and says how its kind retries a failure.</summary>
public interface IReconcilerCatalog
{
    IObjectReconciler Create(FluxKind kind, ObjectKey key);

    /// <summary>How a failed run of <paramref name="kind"/> retries; a kind that names no rule backs off as controller-runtime does.</summary>
    RetryRule RetryRuleOf(FluxKind kind) => RetryRule.Backoff;
}
