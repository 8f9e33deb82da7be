using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Support;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Kube;

/// <summary>
/// What a user sees of the entity runtime through the API server: Reconciling while a run is under way, Events that name
/// Flux's controllers with Flux's revision annotation, and Providers and Alerts left alone as the static objects they are.
/// </summary>
public sealed class EntityRuntimeSandboxTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>, IAsyncLifetime
{
    private readonly SandboxNode _node = new(sandbox, "runtime");
    private readonly ScriptedReconciler _reconciler = new();

    private string Namespace => _node.Namespace;

    private IKubernetes Client => _node.Client;

    public Task InitializeAsync() => _node.StartAsync(_reconciler);

    public async Task DisposeAsync()
    {
        _reconciler.Release();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task AProviderAndAnAlertGetNoFinalizerAndNoStatus()
    {
        await Create(FluxKinds.Provider, "slack", new JsonObject { ["type"] = "generic", ["address"] = "http://127.0.0.1:1/hook" });
        await Create(FluxKinds.Alert, "on-call", new JsonObject
        {
            ["providerRef"] = new JsonObject { ["name"] = "slack" },
            ["eventSources"] = new JsonArray(new JsonObject { ["kind"] = "GitRepository", ["name"] = "*" }),
        });
        await Create(FluxKinds.GitRepository, "podinfo", GitSpec("1h"));

        var repository = await EventuallyRead(FluxKinds.GitRepository, "podinfo", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.True);
        Assert.Contains(FluxAnnotations.Finalizer, repository["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        foreach (var (kind, name) in new[] { (FluxKinds.Provider, "slack"), (FluxKinds.Alert, "on-call") })
        {
            var untouched = Read(kind, name);
            Assert.Null(untouched["metadata"]!["finalizers"]);
            Assert.Null(untouched["status"]);
        }
    }

    [Fact]
    public async Task AProviderThatAnEarlierFleetGaveItsFinalizerLosesItAndCanBeDeleted()
    {
        var provider = new JsonObject
        {
            ["apiVersion"] = FluxKinds.Provider.ApiVersion,
            ["kind"] = FluxKinds.Provider.Kind,
            ["metadata"] = new JsonObject { ["name"] = "legacy", ["namespace"] = Namespace, ["finalizers"] = new JsonArray(FluxAnnotations.Finalizer, "example.com/keep") },
            ["spec"] = new JsonObject { ["type"] = "generic", ["address"] = "http://127.0.0.1:1/hook" },
        };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(provider, FluxKinds.Provider.Group, FluxKinds.Provider.Version, Namespace, FluxKinds.Provider.Plural);

        var released = await EventuallyRead(FluxKinds.Provider, "legacy", o => o["metadata"]?["finalizers"]?.AsArray().Count == 1);
        Assert.Equal("example.com/keep", released["metadata"]!["finalizers"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task WhileARunIsUnderWayTheObjectShowsReconcilingAtItsNewGeneration()
    {
        await Create(FluxKinds.GitRepository, "podinfo", GitSpec("1h"));
        await EventuallyRead(FluxKinds.GitRepository, "podinfo", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.True);

        _reconciler.Hold();
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"interval":"30m"}}""", V1Patch.PatchType.MergePatch),
            FluxKinds.GitRepository.Group, FluxKinds.GitRepository.Version, Namespace, FluxKinds.GitRepository.Plural, "podinfo");

        var progressing = await EventuallyRead(FluxKinds.GitRepository, "podinfo", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.Unknown);
        // The run of the new generation has started and is held; objects other tests left in the shared API server may run too.
        Assert.Contains(_reconciler.Requests, r => r.Key == new ObjectKey(FluxKinds.GitRepository.Kind, Namespace, "podinfo") && r.Generation == 2);
        Assert.True(_reconciler.Running >= 1);
        foreach (var type in new[] { ConditionTypes.Reconciling, ConditionTypes.Ready })
        {
            var condition = ObjectConditions.Find(progressing, type)!;
            Assert.Equal((ConditionReasons.Progressing, "Reconciliation in progress", (long?)2), (condition.Reason, condition.Message, condition.ObservedGeneration));
        }
        Assert.Equal(ConditionStatus.True, ObjectConditions.Find(progressing, ConditionTypes.Reconciling)!.Status);
        Assert.Equal(1, progressing["status"]!["observedGeneration"]!.GetValue<long>());

        _reconciler.Release();
        var ready = await EventuallyRead(FluxKinds.GitRepository, "podinfo", o => ObjectConditions.Find(o, ConditionTypes.Ready)?.Status == ConditionStatus.True);
        Assert.Equal(2, ready["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Null(ObjectConditions.Find(ready, ConditionTypes.Reconciling));
    }

    [Fact]
    public async Task EventsNameFluxsControllerOfTheKindAndCarryItsRevisionAnnotation()
    {
        _reconciler.Enqueue(ReconcileResult.Success("stored artifact for revision 'main@sha1:0123'", "main@sha1:0123", revisionEventReason: "NewArtifact"));
        await Create(FluxKinds.GitRepository, "podinfo", GitSpec("1h"));
        var stored = await EventuallyEvent("podinfo");

        Assert.Equal(("Normal", "NewArtifact"), (stored.Type, stored.Reason));
        Assert.Equal((FluxControllers.Source, FluxControllers.Source), (stored.ReportingComponent, stored.Source.Component));
        Assert.Equal("main@sha1:0123", stored.Metadata.Annotations["source.toolkit.fluxcd.io/revision"]);

        _reconciler.Enqueue(ReconcileResult.Failure(ConditionReasons.ArtifactFailed, "Source artifact not found, retrying in 30s"));
        await Create(FluxKinds.Kustomization, "apps", new JsonObject
        {
            ["interval"] = "1h",
            ["prune"] = true,
            ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "podinfo" },
        });
        var failed = await EventuallyEvent("apps");
        Assert.Equal(("Warning", FluxControllers.Kustomize, FluxControllers.Kustomize), (failed.Type, failed.ReportingComponent, failed.Source.Component));
    }

    private async Task Create(FluxKind kind, string name, JsonObject spec) =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject { ["apiVersion"] = kind.ApiVersion, ["kind"] = kind.Kind, ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec },
            kind.Group, kind.Version, Namespace, kind.Plural);

    private static JsonObject GitSpec(string interval) => new() { ["url"] = "https://example.invalid/repo", ["interval"] = interval };

    private JsonObject Read(FluxKind kind, string name)
    {
        var element = (JsonElement)Client.CustomObjects.GetNamespacedCustomObject(kind.Group, kind.Version, Namespace, kind.Plural, name);
        return JsonNode.Parse(element.GetRawText())!.AsObject();
    }

    private async Task<JsonObject> EventuallyRead(FluxKind kind, string name, Func<JsonObject, bool> condition)
    {
        JsonObject? last = null;
        await Eventually.True(
            () =>
            {
                last = Read(kind, name);
                return condition(last);
            },
            TimeSpan.FromSeconds(20),
            () => $"{name} to reach the expected state; last seen: {last?.ToJsonString()}");
        return last!;
    }

    private async Task<Corev1Event> EventuallyEvent(string name)
    {
        Corev1Event? found = null;
        await Eventually.True(
            () =>
            {
                found = Client.CoreV1.ListNamespacedEvent(Namespace).Items.FirstOrDefault(e => e.InvolvedObject.Name == name);
                return found is not null;
            },
            TimeSpan.FromSeconds(20),
            () => $"an Event about {name}");
        return found!;
    }
}
