using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.TestKit;
using Fleet.Actors.Kube;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;
using Fleet.Tests.Support;

namespace Fleet.Tests.Reconciliation;

/// <summary>
/// Writes the API server refused are tried again: a status, so no object is left showing a run that has ended, and a
/// finalizer's cleanup, so a deletion does not hang.
/// </summary>
public class ReconcilerEntityApiRetryTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly ObjectKey Key = new("GitRepository", "flux-system", "podinfo");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly RecordingObjectApi _api = new(WithFinalizer(TestObjects.GitRepository("flux-system", "podinfo", interval: "5m")));

    public ReconcilerEntityApiRetryTests()
        : base(EntityTestConfig.Hocon)
    {
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    [Fact]
    public async Task AStalledObjectWhoseFinalStatusWriteFailedIsWrittenAgainAfterABackoff()
    {
        var reconciler = new ScriptedReconciler();
        reconciler.Enqueue(ReconcileResult.Stall(ConditionReasons.InvalidCELExpression, "CEL expressions are not supported yet by Fleet"));
        reconciler.Hold();
        var entity = Sys.ActorOf(ReconcilerEntity.Props(FluxKinds.GitRepository, Key.EntityId, reconciler, new EntityRuntimeSettings { ObjectApi = _api }));
        entity.Tell(new EntityCommands.ObserveObject(Key, _api.LiveJson));
        await Until(() => reconciler.Running == 1);

        _api.RefuseStatusPatches(2);
        reconciler.Release();
        await Until(() => _api.RefusedStatusPatches == 1);
        Assert.Equal(ConditionStatus.Unknown, Ready()?.Status);

        // The first retry after 5 s is refused too; the next comes 10 s later and lands.
        Clock.Advance(TimeSpan.FromSeconds(5));
        await Until(() => _api.RefusedStatusPatches == 2);
        Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(ConditionStatus.Unknown, Ready()?.Status);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Until(() => Ready()?.Reason == ConditionReasons.InvalidCELExpression);
        Assert.Equal(ConditionStatus.False, Ready()!.Status);
        Assert.Contains(ObjectConditions.Of(Live()), c => c is { Type: ConditionTypes.Stalled, Status: ConditionStatus.True });
    }

    [Fact]
    public async Task ACleanupWhoseFinalizerWriteFailedIsTriedAgainAfterABackoff()
    {
        var reconciler = new ScriptedReconciler();
        var entity = Sys.ActorOf(ReconcilerEntity.Props(FluxKinds.GitRepository, Key.EntityId, reconciler, new EntityRuntimeSettings { ObjectApi = _api }));
        _api.RefuseFinalizerWrites(1);
        var deleting = JsonNode.Parse(_api.LiveJson)!.AsObject();
        deleting["metadata"]!["deletionTimestamp"] = "2026-12-01T10:00:00Z";
        entity.Tell(new EntityCommands.ObserveObject(Key, deleting.ToJsonString()));
        await Until(() => _api.RefusedFinalizerWrites == 1);
        Assert.Empty(_api.FinalizerWrites);

        Clock.Advance(TimeSpan.FromSeconds(5));
        await Until(() => !_api.FinalizerWrites.IsEmpty);
        Assert.Empty(Assert.Single(_api.FinalizerWrites));
    }

    private JsonObject Live() => JsonNode.Parse(_api.LiveJson)!.AsObject();

    private Condition? Ready() => ObjectConditions.Find(Live(), ConditionTypes.Ready);

    private Task Until(Func<bool> condition) => AwaitConditionAsync(() => Task.FromResult(condition()), Wait);

    private static string WithFinalizer(string objectJson)
    {
        var obj = JsonNode.Parse(objectJson)!.AsObject();
        obj["metadata"]!["finalizers"] = new JsonArray(FluxAnnotations.Finalizer);
        return obj.ToJsonString();
    }
}
