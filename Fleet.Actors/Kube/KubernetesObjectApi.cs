using System.Text.Json.Nodes;
using Fleet.Messages;
using Fleet.Messages.Api;
using k8s;
using k8s.Models;

namespace Fleet.Actors.Kube;

/// <summary><see cref="IObjectApi"/> over a Kubernetes API server.</summary>
public sealed class KubernetesObjectApi(IKubernetes client, TimeProvider clock) : IObjectApi
{
    public Task PatchStatusAsync(FluxKind kind, ObjectKey key, JsonObject patch, CancellationToken cancellationToken) =>
        client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(new JsonObject { ["status"] = patch }.ToJsonString(), V1Patch.PatchType.MergePatch),
            kind.Group,
            kind.Version,
            key.Namespace,
            kind.Plural,
            key.Name,
            cancellationToken: cancellationToken);

    /// <summary>A JSON patch that tests the current list first, so a concurrent change of finalizers is never overwritten.</summary>
    public Task SetFinalizersAsync(FluxKind kind, ObjectKey key, IReadOnlyList<string> expected, IReadOnlyList<string> finalizers, CancellationToken cancellationToken)
    {
        var operations = new JsonArray();
        if (expected.Count > 0)
        {
            operations.Add(new JsonObject { ["op"] = "test", ["path"] = "/metadata/finalizers", ["value"] = new JsonArray([.. expected.Select(f => JsonValue.Create(f))]) });
        }
        operations.Add(new JsonObject { ["op"] = "add", ["path"] = "/metadata/finalizers", ["value"] = new JsonArray([.. finalizers.Select(f => JsonValue.Create(f))]) });
        return client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(operations.ToJsonString(), V1Patch.PatchType.JsonPatch),
            kind.Group,
            kind.Version,
            key.Namespace,
            kind.Plural,
            key.Name,
            cancellationToken: cancellationToken);
    }

    public Task RecordEventAsync(FluxKind kind, ObjectKey key, string? uid, ObjectEvent @event, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{key.Name}.{now.Ticks:x}",
                NamespaceProperty = key.Namespace,
                Annotations = @event.Annotations.Count > 0 ? new Dictionary<string, string>(@event.Annotations) : null,
            },
            InvolvedObject = new V1ObjectReference { ApiVersion = kind.ApiVersion, Kind = kind.Kind, Name = key.Name, NamespaceProperty = key.Namespace, Uid = uid },
            Type = @event.Type,
            Reason = @event.Reason,
            Message = @event.Message,
            // Flux's controller of the kind, as its event recorder names it, so tools that filter Flux's Events find Fleet's.
            Source = new V1EventSource { Component = kind.Controller },
            ReportingComponent = kind.Controller,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        return client.CoreV1.CreateNamespacedEventAsync(record, key.Namespace, cancellationToken: cancellationToken);
    }
}
