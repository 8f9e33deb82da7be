using System.Text.Json.Nodes;
using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Actors.Kube;

/// <summary>The writes an entity makes to its own object in the API server.</summary>
public interface IObjectApi
{
    /// <summary>Applies a JSON merge patch to the object's status subresource.</summary>
    Task PatchStatusAsync(FluxKind kind, ObjectKey key, JsonObject patch, CancellationToken cancellationToken);

    /// <summary>Replaces the object's finalizers, provided they are still <paramref name="expected"/>.</summary>
    Task SetFinalizersAsync(FluxKind kind, ObjectKey key, IReadOnlyList<string> expected, IReadOnlyList<string> finalizers, CancellationToken cancellationToken);

    /// <summary>Records a Kubernetes Event about the object.</summary>
    Task RecordEventAsync(FluxKind kind, ObjectKey key, string? uid, ObjectEvent @event, CancellationToken cancellationToken);
}
