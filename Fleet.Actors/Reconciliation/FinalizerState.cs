using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Reconciliation;

/// <summary>Fleet's finalizer on an entity's object: which write an observation calls for. Used on the actor's thread only.</summary>
public sealed class FinalizerState
{
    private bool _adding;

    /// <summary>
    /// The write <paramref name="facts"/> call for. An add is asked for once: until it fails, later observations that do
    /// not show it yet (the watch lags) ask for nothing. A removal is the cleanup run's, which runs one at a time.
    /// </summary>
    public FinalizerWrite Next(ObjectFacts facts)
    {
        var carried = facts.Finalizers.Contains(FluxAnnotations.Finalizer);
        if (facts.Deleting)
        {
            return carried ? FinalizerWrite.CleanUpAndRemove : FinalizerWrite.None;
        }
        if (carried)
        {
            // Seen on the object: if someone removes it later, it is added again, as Flux does on every reconcile.
            _adding = false;
            return FinalizerWrite.None;
        }
        if (_adding)
        {
            return FinalizerWrite.None;
        }
        _adding = true;
        return FinalizerWrite.Add;
    }

    /// <summary>Adding failed: the next observation tries again.</summary>
    public void AddFailed() => _adding = false;

    public static IReadOnlyList<string> WithFleets(IReadOnlyList<string> finalizers) => [.. finalizers, FluxAnnotations.Finalizer];

    public static IReadOnlyList<string> WithoutFleets(IReadOnlyList<string> finalizers) => [.. finalizers.Where(f => f != FluxAnnotations.Finalizer)];
}
