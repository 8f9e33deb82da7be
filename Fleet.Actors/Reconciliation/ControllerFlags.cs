namespace Fleet.Actors.Reconciliation;

/// <summary>
/// Flux's controller flags that change how objects reconcile, with Flux's defaults; a node takes them from its command
/// line (<c>--requeue-dependency</c>, <c>--no-cross-namespace-refs</c>, <c>--default-service-account</c>, <c>--no-remote-bases</c>).
/// </summary>
public sealed record ControllerFlags
{
    /// <summary>How soon a run that waits for a source artifact or a dependency tries again.</summary>
    public TimeSpan RequeueDependency { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Refuse references to objects in another namespace (sourceRef, dependsOn, ...): Flux's multi-tenancy lockdown.</summary>
    public bool NoCrossNamespaceRefs { get; init; }

    /// <summary>The service account to impersonate when an object names none; null acts as the controller itself.</summary>
    public string? DefaultServiceAccount { get; init; }

    /// <summary>Refuse kustomizations that reference remote bases; by default kustomize fetches them.</summary>
    public bool NoRemoteBases { get; init; }
}
