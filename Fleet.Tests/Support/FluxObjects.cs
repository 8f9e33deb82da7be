using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Support;

/// <summary>Flux objects of any kind, their Secrets and Events in one namespace of an API server, as a test creates and reads them.</summary>
public sealed class FluxObjects(IKubernetes client, string ns)
{
    public string Namespace => ns;

    public async Task CreateNamespaceAsync() =>
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });

    public async Task CreateSecretAsync(string name, string? type, params (string Key, string Value)[] data) =>
        await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name },
                Type = type,
                Data = data.ToDictionary(entry => entry.Key, entry => Encoding.UTF8.GetBytes(entry.Value)),
            },
            ns);

    /// <summary>A `kubernetes.io/dockerconfigjson` Secret with one login for <paramref name="registry"/>.</summary>
    public Task CreateDockerConfigSecretAsync(string name, string registry, string user, string password)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        var config = new JsonObject { ["auths"] = new JsonObject { [registry] = new JsonObject { ["auth"] = auth } } };
        return CreateSecretAsync(name, "kubernetes.io/dockerconfigjson", (".dockerconfigjson", config.ToJsonString()));
    }

    public async Task CreateAsync(FluxKind kind, string name, JsonObject spec) =>
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = kind.ApiVersion,
                ["kind"] = kind.Kind,
                ["metadata"] = new JsonObject { ["name"] = name },
                ["spec"] = spec,
            },
            kind.Group, kind.Version, ns, kind.Plural);

    /// <summary>Merges <paramref name="spec"/> into the object's spec, a new generation.</summary>
    public async Task PatchSpecAsync(FluxKind kind, string name, JsonObject spec) =>
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(new JsonObject { ["spec"] = spec }.ToJsonString(), V1Patch.PatchType.MergePatch), kind.Group, kind.Version, ns, kind.Plural, name);

    public JsonObject Read(FluxKind kind, string name)
    {
        var element = (JsonElement)client.CustomObjects.GetNamespacedCustomObject(kind.Group, kind.Version, ns, kind.Plural, name);
        return JsonNode.Parse(element.GetRawText())!.AsObject();
    }

    public async Task<JsonObject> EventuallyAsync(FluxKind kind, string name, Func<JsonObject, bool> condition, TimeSpan timeout)
    {
        JsonObject? last = null;
        await Eventually.True(
            () =>
            {
                last = Read(kind, name);
                return condition(last);
            },
            timeout,
            () => $"{kind.Kind} {name} to reach the expected state; last seen: {last?.ToJsonString()}");
        return last!;
    }

    /// <summary>The object once Ready has <paramref name="status"/>; True only counts once it is of the current generation.</summary>
    public Task<JsonObject> EventuallyReadyAsync(FluxKind kind, string name, string status, TimeSpan timeout) =>
        EventuallyAsync(kind, name, o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == status && (status != ConditionStatus.True || IsObserved(o)), timeout);

    private static bool IsObserved(JsonObject o) => o["status"]?["observedGeneration"]?.GetValue<long>() == o["metadata"]?["generation"]?.GetValue<long>();

    /// <summary>Every Event about <paramref name="name"/>, once at least one of <paramref name="type"/> exists.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventuallyEventsAsync(string name, string type, TimeSpan timeout)
    {
        IReadOnlyList<Corev1Event> events = [];
        await Eventually.True(
            () =>
            {
                events = client.CoreV1.ListNamespacedEvent(ns).Items.Where(e => e.InvolvedObject.Name == name).ToList();
                return events.Any(e => e.Type == type);
            },
            timeout,
            () => $"a {type} event about {name}");
        return events;
    }
}
