using System.Net;
using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Node.Commands.Cli;

/// <summary>Reads and patches Flux objects of any kind as JSON through the Kubernetes API, as flux's generic adapters do.</summary>
public sealed class FluxObjects(IKubernetes client)
{
    /// <summary>The object, or null when it does not exist. A kind whose CRD is not served is a <see cref="CliException"/>.</summary>
    public async Task<JsonObject?> GetAsync(FluxKind kind, string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(kind.Group, kind.Version, @namespace, kind.Plural, name, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // A missing object's Status names it; a missing resource type does not.
            return IsAbout(e, name) ? null : throw NotServed(kind);
        }
    }

    /// <summary>The object, or a <see cref="CliException"/> in the API server's words when it does not exist.</summary>
    public async Task<JsonObject> RequireAsync(FluxKind kind, string @namespace, string name, CancellationToken cancellationToken) =>
        await GetAsync(kind, @namespace, name, cancellationToken)
            ?? throw new CliException($"{kind.CrdName} \"{name}\" not found");

    /// <summary>The objects in one namespace (or all, for null), ordered by namespace and name.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(FluxKind kind, string? @namespace, CancellationToken cancellationToken)
    {
        JsonObject list;
        try
        {
            list = @namespace is null
                ? await client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(kind.Group, kind.Version, kind.Plural, cancellationToken: cancellationToken)
                : await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(kind.Group, kind.Version, @namespace, kind.Plural, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw NotServed(kind);
        }
        return [.. (list["items"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .OrderBy(o => Text(o, "namespace"), StringComparer.Ordinal)
            .ThenBy(o => Text(o, "name"), StringComparer.Ordinal)];
    }

    public async Task<JsonObject> MergePatchAsync(FluxKind kind, string @namespace, string name, JsonObject patch, CancellationToken cancellationToken) =>
        await client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), kind.Group, kind.Version, @namespace, kind.Plural, name, cancellationToken: cancellationToken);

    public async Task DeleteAsync(FluxKind kind, string @namespace, string name, CancellationToken cancellationToken) =>
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(kind.Group, kind.Version, @namespace, kind.Plural, name, cancellationToken: cancellationToken);

    private static bool IsAbout(HttpOperationException e, string name)
    {
        try
        {
            return JsonNode.Parse(e.Response.Content ?? "")?["details"]?["name"] is JsonValue value && value.TryGetValue<string>(out var text) && text == name;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    public static string NameOf(JsonObject obj) => Text(obj, "name");

    public static string NamespaceOf(JsonObject obj) => Text(obj, "namespace");

    public static bool IsSuspended(JsonObject obj) => obj["spec"]?["suspend"] is JsonValue value && value.TryGetValue<bool>(out var suspended) && suspended;

    public static CliException NotServed(FluxKind kind) => new($"the server does not serve {kind.CrdName} (are Fleet's CRDs installed?)");

    private static string Text(JsonObject obj, string field) =>
        obj["metadata"]?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
