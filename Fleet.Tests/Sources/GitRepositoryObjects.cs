using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Tests.Support;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Sources;

/// <summary>GitRepositories, their Secrets and their Events in one namespace of an API server, as a test creates and reads them.</summary>
public sealed class GitRepositoryObjects(IKubernetes client, string ns)
{
    public string Namespace => ns;

    public async Task CreateNamespaceAsync() =>
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });

    public async Task CreateSecretAsync(string name, params (string Key, string Value)[] data) =>
        await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name },
                Data = data.ToDictionary(entry => entry.Key, entry => Encoding.UTF8.GetBytes(entry.Value)),
            },
            ns);

    /// <param name="fields">Further spec fields, set over the defaults.</param>
    public async Task CreateAsync(string name, string url, string? secret, string interval = "1h", JsonObject? fields = null)
    {
        var spec = new JsonObject
        {
            ["url"] = url,
            ["interval"] = interval,
            ["ref"] = new JsonObject { ["branch"] = "main" },
        };
        if (secret is not null)
        {
            spec["secretRef"] = new JsonObject { ["name"] = secret };
        }
        foreach (var (field, value) in fields ?? [])
        {
            spec[field] = value?.DeepClone();
        }
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = FluxKinds.GitRepository.ApiVersion,
                ["kind"] = "GitRepository",
                ["metadata"] = new JsonObject { ["name"] = name },
                ["spec"] = spec,
            },
            FluxGroups.Source, "v1", ns, "gitrepositories");
    }

    /// <summary>Merges <paramref name="spec"/> into the object's spec, a new generation.</summary>
    public async Task PatchSpecAsync(string name, JsonObject spec) =>
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(new JsonObject { ["spec"] = spec }.ToJsonString(), V1Patch.PatchType.MergePatch), FluxGroups.Source, "v1", ns, "gitrepositories", name);

    public JsonObject Read(string name)
    {
        var element = (JsonElement)client.CustomObjects.GetNamespacedCustomObject(FluxGroups.Source, "v1", ns, "gitrepositories", name);
        return JsonNode.Parse(element.GetRawText())!.AsObject();
    }

    public async Task<JsonObject> EventuallyAsync(string name, Func<JsonObject, bool> condition, TimeSpan timeout)
    {
        JsonObject? last = null;
        await Eventually.True(
            () =>
            {
                last = Read(name);
                return condition(last);
            },
            timeout,
            () => $"{name} to reach the expected state; last seen: {last?.ToJsonString()}");
        return last!;
    }

    public Task<JsonObject> EventuallyReadyAsync(string name, string status, TimeSpan timeout) =>
        EventuallyAsync(name, o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == status, timeout);

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
