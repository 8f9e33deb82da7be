using System.Net;
using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using k8s;
using k8s.Autorest;

namespace Fleet.Actors.Kube;

/// <summary>Reads Flux objects a consumer depends on from the API server: a source's artifact, a dependency's status.</summary>
public sealed class FluxObjectReader(IKubernetes kubernetes)
{
    /// <summary>
    /// The object, or null when it does not exist; a read the API server refuses otherwise throws <see cref="ApiCallException"/>
    /// with its reason. Throws for a kind Fleet does not know.
    /// </summary>
    public async Task<JsonObject?> ReadAsync(ObjectKey key, CancellationToken cancellation)
    {
        var kind = FluxKinds.Find(key.Kind) ?? throw new ArgumentException($"unknown kind '{key.Kind}'", nameof(key));
        try
        {
            var found = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync(kind.Group, kind.Version, key.Namespace, kind.Plural, key.Name, cancellation);
            return AsJsonObject(found);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException error)
        {
            throw new ApiCallException(ApiError.From(error));
        }
    }

    /// <summary>The artifact a source object reports in its status, if any.</summary>
    public static Artifact? ArtifactOf(JsonObject source) =>
        source["status"]?["artifact"] is JsonObject artifact ? FleetJson.Deserialize<Artifact>(artifact) : null;

    private static JsonObject? AsJsonObject(object found) => found switch
    {
        JsonObject node => node,
        System.Text.Json.JsonElement element => JsonNode.Parse(element.GetRawText()) as JsonObject,
        _ => JsonNode.Parse(KubernetesJson.Serialize(found)) as JsonObject,
    };
}
