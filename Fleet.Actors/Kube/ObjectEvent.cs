namespace Fleet.Actors.Kube;

/// <summary>A Kubernetes Event about an object: <see cref="Normal"/> or <see cref="Warning"/>, with Flux's reason.</summary>
public sealed record ObjectEvent(string Type, string Reason, string Message)
{
    /// <summary>
    /// The Event's annotations: Flux's event metadata, keyed by the kind's API group (<c>kustomize.toolkit.fluxcd.io/revision</c>),
    /// which notification-controller and tools that read Flux's Events rely on.
    /// </summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty;

    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
