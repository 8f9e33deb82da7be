using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Actors.Apply;

/// <summary>
/// The few calls the apply engine makes, for any kind, through the client's custom-object API (the core group is
/// group ""). Failures surface as <see cref="ApiCallException"/> carrying the API server's <see cref="ApiError"/>.
/// </summary>
public sealed class ObjectClient(IKubernetes client, string fieldManager)
{
    public async Task<JsonObject?> GetAsync(ObjectRef o, RestMapping mapping, CancellationToken cancellationToken)
    {
        try
        {
            var result = mapping.Namespaced
                ? await client.CustomObjects.GetNamespacedCustomObjectAsync(o.Group, o.Version, o.Namespace, mapping.Plural, o.Name, cancellationToken)
                : await client.CustomObjects.GetClusterCustomObjectAsync(o.Group, o.Version, mapping.Plural, o.Name, cancellationToken);
            return ToObject(result);
        }
        catch (HttpOperationException error)
        {
            var api = ApiError.From(error);
            return api.IsNotFound ? null : throw new ApiCallException(api);
        }
    }

    /// <summary>A server-side apply with forced ownership; with <paramref name="dryRun"/> nothing is stored.</summary>
    public Task<JsonObject> ApplyAsync(ObjectRef o, RestMapping mapping, JsonObject manifest, bool dryRun, CancellationToken cancellationToken) =>
        PatchAsync(o, mapping, new V1Patch(manifest.ToJsonString(), V1Patch.PatchType.ApplyPatch), dryRun, force: true, cancellationToken);

    /// <summary>An RFC 6902 JSON patch.</summary>
    public Task<JsonObject> JsonPatchAsync(ObjectRef o, RestMapping mapping, JsonArray operations, CancellationToken cancellationToken) =>
        PatchAsync(o, mapping, new V1Patch(operations.ToJsonString(), V1Patch.PatchType.JsonPatch), dryRun: false, force: null, cancellationToken);

    /// <summary>Deletes with background propagation; false when the object was already gone.</summary>
    public async Task<bool> DeleteAsync(ObjectRef o, RestMapping mapping, CancellationToken cancellationToken)
    {
        const string propagation = "Background";
        var options = new V1DeleteOptions { PropagationPolicy = propagation };
        try
        {
            if (mapping.Namespaced)
            {
                await client.CustomObjects.DeleteNamespacedCustomObjectAsync(o.Group, o.Version, o.Namespace, mapping.Plural, o.Name, options, propagationPolicy: propagation, cancellationToken: cancellationToken);
            }
            else
            {
                await client.CustomObjects.DeleteClusterCustomObjectAsync(o.Group, o.Version, mapping.Plural, o.Name, options, propagationPolicy: propagation, cancellationToken: cancellationToken);
            }

            return true;
        }
        catch (HttpOperationException error)
        {
            var api = ApiError.From(error);
            return api.IsNotFound ? false : throw new ApiCallException(api);
        }
    }

    private async Task<JsonObject> PatchAsync(ObjectRef o, RestMapping mapping, V1Patch patch, bool dryRun, bool? force, CancellationToken cancellationToken)
    {
        try
        {
            var result = mapping.Namespaced
                ? await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                    patch, o.Group, o.Version, o.Namespace, mapping.Plural, o.Name, dryRun: dryRun ? "All" : null, fieldManager: fieldManager, force: force, cancellationToken: cancellationToken)
                : await client.CustomObjects.PatchClusterCustomObjectAsync(
                    patch, o.Group, o.Version, mapping.Plural, o.Name, dryRun: dryRun ? "All" : null, fieldManager: fieldManager, force: force, cancellationToken: cancellationToken);
            return ToObject(result) ?? throw new ApiCallException(new ApiError(0, "InternalError", "empty response"));
        }
        catch (HttpOperationException error)
        {
            throw new ApiCallException(ApiError.From(error));
        }
    }

    private static JsonObject? ToObject(object? result) => result switch
    {
        JsonElement element => JsonNode.Parse(element.GetRawText()) as JsonObject,
        null => null,
        _ => JsonSerializer.SerializeToNode(result) as JsonObject,
    };
}
