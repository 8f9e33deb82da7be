using System.Text.Json.Nodes;
using Fleet.Messages;
using Fleet.Messages.Api;
using k8s;
using k8s.Models;

namespace Fleet.Actors.Kube;

/// <summary><see cref="IObjectApi"/> over a Kubernetes API server.</summary>
public sealed class KubernetesObjectApi(IKubernetes client) : IObjectApi
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
}
