namespace Fleet.Messages.Api.Meta;

/// <summary>Annotations, labels and finalizers Flux defines on its objects.</summary>
public static class FluxAnnotations
{
    public const string ReconcileRequestedAt = "reconcile.fluxcd.io/requestedAt";
    public const string ReconcileForceAt = "reconcile.fluxcd.io/forceAt";
    public const string ReconcileResetAt = "reconcile.fluxcd.io/resetAt";
    public const string WatchLabel = "reconcile.fluxcd.io/watch";
    public const string Finalizer = "finalizers.fluxcd.io";
}
