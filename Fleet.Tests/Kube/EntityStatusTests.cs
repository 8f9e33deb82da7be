using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Tests.Kube;

/// <summary>
/// A node pointed at an API server: it watches Flux objects, adds Flux's finalizer, writes Flux's status
/// (and nothing when nothing changed), echoes requestedAt, and lets a deletion finish.
/// </summary>
public sealed class EntityStatusTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>, IAsyncLifetime
{
    private readonly SandboxNode _node = new(sandbox, "status");
    private readonly SteadyReconciler _runs = new();

    private string Namespace => _node.Namespace;

    private IKubernetes Client => _node.Client;

    public Task InitializeAsync() => _node.StartAsync(_runs);

    public Task DisposeAsync() => _node.DisposeAsync().AsTask();

    [Fact]
    public async Task ReconcileWritesFluxStatusAndFinalizerThenDeletionCompletes()
    {
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(GitRepository("podinfo", "1h"), FluxGroups.Source, "v1", Namespace, "gitrepositories");

        var ready = await EventuallyRead("podinfo", o => ConditionStatusOf(o, ConditionTypes.Ready) == ConditionStatus.True);
        Assert.Equal(1, ready["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Contains(FluxAnnotations.Finalizer, ready["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Null(ObjectConditions.Find(ready, ConditionTypes.Reconciling));

        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(RequestReconcile("now-1").ToJsonString(), V1Patch.PatchType.MergePatch),
            FluxGroups.Source, "v1", Namespace, "gitrepositories", "podinfo");
        var handled = await EventuallyRead("podinfo", o => o["status"]?["lastHandledReconcileAt"]?.GetValue<string>() == "now-1");
        var runsBefore = _runs.Count("podinfo");

        // A label edit is not a new generation: no reconcile.
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"labels":{"team":"a"}}}""", V1Patch.PatchType.MergePatch),
            FluxGroups.Source, "v1", Namespace, "gitrepositories", "podinfo");
        // Once the entity holds the edited object it has handled the edit; a run that started would show as Reconciling.
        var key = new ObjectKey(FluxKinds.GitRepository.Kind, Namespace, "podinfo");
        EntityQueries.EntityStateReply? seen = null;
        await Eventually.True(
            async () => (seen = await _node.EntityStateAsync(key)).State.ObjectJson is { } json
                && JsonNode.Parse(json)?["metadata"]?["labels"]?["team"]?.GetValue<string>() == "a",
            TimeSpan.FromSeconds(20),
            () => $"the entity to see the label edit; last seen: {seen?.State.ObjectJson}");
        Assert.NotNull(seen);
        Assert.False(seen.Reconciling);
        Assert.Equal(runsBefore, _runs.Count("podinfo"));

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(FluxGroups.Source, "v1", Namespace, "gitrepositories", "podinfo");
        await Eventually.True(() => !Exists("podinfo"), TimeSpan.FromSeconds(15), () => "the deletion to finish once the finalizer is removed");
    }

    [Fact]
    public async Task ReconcilesThatChangeNothingWriteNothing()
    {
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(GitRepository("steady", "1s"), FluxGroups.Source, "v1", Namespace, "gitrepositories");
        var ready = await EventuallyRead("steady", o => ConditionStatusOf(o, ConditionTypes.Ready) == ConditionStatus.True);
        var version = ready["metadata"]!["resourceVersion"]!.GetValue<string>();
        var runs = _runs.Count("steady");

        await Eventually.True(() => _runs.Count("steady") >= runs + 3, TimeSpan.FromSeconds(20), () => "three more interval runs");
        var after = await EventuallyRead("steady", _ => true);
        Assert.Equal(version, after["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    private bool Exists(string name)
    {
        try
        {
            Client.CustomObjects.GetNamespacedCustomObject(FluxGroups.Source, "v1", Namespace, "gitrepositories", name);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<JsonObject> EventuallyRead(string name, Func<JsonObject, bool> condition)
    {
        JsonObject? last = null;
        await Eventually.True(
            () =>
            {
                var element = (JsonElement)Client.CustomObjects.GetNamespacedCustomObject(FluxGroups.Source, "v1", Namespace, "gitrepositories", name);
                last = JsonNode.Parse(element.GetRawText())!.AsObject();
                return condition(last);
            },
            TimeSpan.FromSeconds(20),
            () => $"{name} to reach the expected state; last seen: {last?.ToJsonString()}");
        return last!;
    }

    private static string? ConditionStatusOf(JsonObject obj, string type) => ObjectConditions.Find(obj, type)?.Status;

    [Fact]
    public async Task AFailureIsAWarningEventRecordedOnceWhileItRepeats()
    {
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(GitRepository("broken", "1s"), FluxGroups.Source, "v1", Namespace, "gitrepositories");
        await EventuallyRead("broken", o => ConditionStatusOf(o, ConditionTypes.Ready) == ConditionStatus.False);
        await Eventually.True(() => _runs.Count("broken") >= 3, TimeSpan.FromSeconds(20), () => "three failed runs");

        var events = (await Client.CoreV1.ListNamespacedEventAsync(Namespace)).Items.Where(e => e.InvolvedObject.Name == "broken").ToList();
        var warning = Assert.Single(events);
        Assert.Equal(("Warning", "GitOperationFailed", "unable to reach the host"), (warning.Type, warning.Reason, warning.Message));
        Assert.Equal(("GitRepository", FluxKinds.GitRepository.ApiVersion), (warning.InvolvedObject.Kind, warning.InvolvedObject.ApiVersion));
    }

    /// <summary>Succeeds the same way every time (fails for objects named "broken"), counting runs per object.</summary>
    private sealed class SteadyReconciler : IReconcilerCatalog, IObjectReconciler
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new();

        public int Count(string name) => _counts.GetValueOrDefault(name);

        public IObjectReconciler Create(FluxKind kind, ObjectKey key) => this;

        public Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
        {
            _counts.AddOrUpdate(request.Key.Name, 1, (_, n) => n + 1);
            return Task.FromResult(request.Key.Name == "broken"
                ? ReconcileResult.Failure("GitOperationFailed", "unable to reach the host")
                : ReconcileResult.Success("stored artifact for revision main@sha1:0123", "main@sha1:0123"));
        }
    }

    private static JsonObject RequestReconcile(string token) =>
        new() { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [FluxAnnotations.ReconcileRequestedAt] = token } } };

    private static JsonObject GitRepository(string name, string interval) => new()
    {
        ["apiVersion"] = FluxKinds.GitRepository.ApiVersion,
        ["kind"] = "GitRepository",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["url"] = "https://example.invalid/repo", ["interval"] = interval },
    };
}
