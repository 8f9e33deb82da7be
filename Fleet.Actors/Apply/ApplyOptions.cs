namespace Fleet.Actors.Apply;

/// <summary>How one staged apply behaves.</summary>
public sealed record ApplyOptions
{
    /// <summary>Recreate objects whose update hits an immutable field (<c>spec.force</c>).</summary>
    public bool Force { get; init; }

    /// <summary>How long the CRD/Namespace/ClusterRole and <c>*Class</c> stages may take to become Current.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan WaitInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many dry-runs may be in flight at once (kustomize-controller's <c>--concurrent-ssa</c>); writes stay sequential.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Labels set on every object before applying, e.g. <c>kustomize.toolkit.fluxcd.io/name: ks</c>.</summary>
    public IReadOnlyDictionary<string, string> OwnerLabels { get; init; } = new Dictionary<string, string>();
}
