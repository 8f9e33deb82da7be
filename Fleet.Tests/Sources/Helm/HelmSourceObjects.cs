using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Tests.Support;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Sources.Helm;

/// <summary>Source objects (HelmRepository, HelmChart, GitRepository), Secrets and Events in one namespace, as a test creates and reads them.</summary>
public sealed class HelmSourceObjects(IKubernetes client, string ns)
{
    private readonly FluxObjects _objects = new(client, ns);

    public string Namespace => ns;

    public Task CreateNamespaceAsync() => _objects.CreateNamespaceAsync();

    public Task CreateSecretAsync(string name, params (string Key, string Value)[] data) => _objects.CreateSecretAsync(name, null, data);

    public Task CreateRepositoryAsync(string name, string url, JsonObject? fields = null) =>
        CreateAsync(FluxKinds.HelmRepository, name, Spec(new JsonObject { ["url"] = url, ["interval"] = "1h" }, fields));

    public Task CreateChartAsync(string name, string chart, string sourceKind, string sourceName, JsonObject? fields = null) =>
        CreateAsync(
            FluxKinds.HelmChart,
            name,
            Spec(new JsonObject { ["chart"] = chart, ["interval"] = "1h", ["sourceRef"] = new JsonObject { ["kind"] = sourceKind, ["name"] = sourceName } }, fields));

    public Task CreateGitRepositoryAsync(string name, string url) =>
        CreateAsync(FluxKinds.GitRepository, name, new JsonObject { ["url"] = url, ["interval"] = "1h", ["ref"] = new JsonObject { ["branch"] = "main" } });

    /// <summary>Creates an object as a user's manifest would, from <paramref name="manifest"/> with its namespace set to this one.</summary>
    public async Task CreateManifestAsync(JsonObject manifest)
    {
        var kind = FluxKinds.Find(manifest["kind"]!.GetValue<string>())!;
        manifest["metadata"]!["namespace"] = ns;
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(manifest, kind.Group, kind.Version, ns, kind.Plural);
    }

    public Task PatchSpecAsync(FluxKind kind, string name, JsonObject spec) => _objects.PatchSpecAsync(kind, name, spec);

    /// <summary>Asks for a reconcile now, as `flux reconcile` does.</summary>
    public async Task RequestReconcileAsync(FluxKind kind, string name, string token) =>
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(
                new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [FluxAnnotations.ReconcileRequestedAt] = token } } }.ToJsonString(),
                V1Patch.PatchType.MergePatch),
            kind.Group, kind.Version, ns, kind.Plural, name);

    public JsonObject Read(FluxKind kind, string name) => _objects.Read(kind, name);

    public Task<JsonObject> EventuallyAsync(FluxKind kind, string name, Func<JsonObject, bool> condition, TimeSpan timeout) =>
        _objects.EventuallyAsync(kind, name, condition, timeout);

    public Task<JsonObject> EventuallyReadyAsync(FluxKind kind, string name, string status, TimeSpan timeout) =>
        EventuallyAsync(kind, name, o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == status, timeout);

    /// <summary>Every Event about <paramref name="name"/>, once one of <paramref name="reason"/> exists.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventuallyEventsAsync(string name, string reason, TimeSpan timeout)
    {
        IReadOnlyList<Corev1Event> events = [];
        await Eventually.True(
            () =>
            {
                events = client.CoreV1.ListNamespacedEvent(ns).Items.Where(e => e.InvolvedObject.Name == name).ToList();
                return events.Any(e => e.Reason == reason);
            },
            timeout,
            () => $"a {reason} event about {name}; seen: {string.Join(", ", events.Select(e => e.Reason))}");
        return events;
    }

    private Task CreateAsync(FluxKind kind, string name, JsonObject spec) => _objects.CreateAsync(kind, name, spec);

    private static JsonObject Spec(JsonObject spec, JsonObject? fields)
    {
        foreach (var (field, value) in fields ?? [])
        {
            spec[field] = value?.DeepClone();
        }
        return spec;
    }
}
