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
/// What the entity writes to its object and when it may stop: Reconciling before a run with work to do, Flux's
/// event metadata, a cleanup that never overlaps a reconcile, a hand-off that waits for the run under way, and writes
/// the API server refused tried again (a status, so no object is left showing a run that has ended; a cleanup, so a
/// deletion does not hang).
/// </summary>
public class ReconcilerEntityLifecycleTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly ObjectKey Key = new("GitRepository", "flux-system", "podinfo");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly RecordingObjectApi _api = new(WithFinalizer(TestObjects.GitRepository("flux-system", "podinfo", interval: "5m")));

    public ReconcilerEntityLifecycleTests()
        : base(EntityTestConfig.Hocon)
    {
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private EntityRuntimeSettings Settings => new()
    {
        Schedule = new ReconcileSchedule(0.05, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15), () => 0.5),
        ObjectApi = _api,
        HandOffWait = TimeSpan.FromSeconds(20),
    };

    private IActorRef Start(IReconcilerCatalog catalog) => Sys.ActorOf(ReconcilerEntity.Props(FluxKinds.GitRepository, Key.EntityId, catalog, Settings));

    private Task Until(Func<bool> condition) => AwaitConditionAsync(() => Task.FromResult(condition()), Wait);

    /// <summary>The entity's answer, sent once it has handled everything sent to it before.</summary>
    private static Task<EntityQueries.EntityStateReply> ReplyOf(IActorRef entity) =>
        entity.Ask<EntityQueries.EntityStateReply>(new EntityQueries.GetEntityState(Key), Wait);

    /// <summary>Waits until the entity has handled the end of its last run and started no other.</summary>
    private Task UntilIdle(IActorRef entity) => AwaitAssertAsync(async () => Assert.False((await ReplyOf(entity)).Reconciling), Wait);

    [Fact]
    public async Task ACleanupAskedForDuringAReconcileCancelsItAndStartsOnlyOnceItHasEnded()
    {
        var reconciler = new GatedReconciler();
        var entity = Start(reconciler);
        entity.Tell(new EntityCommands.ObserveObject(Key, _api.LiveJson));
        await Until(() => reconciler.Steps.Contains("reconcile started"));

        entity.Tell(new EntityCommands.ObserveObject(Key, Deleting(_api.LiveJson)));
        await Until(() => reconciler.Steps.Contains("reconcile cancelled"));
        // The deletion is handled: a cleanup it started at once would already be under way, and would show up before
        // "reconcile ended" in the order of steps checked below.
        await ReplyOf(entity);
        Assert.DoesNotContain("cleanup", reconciler.Steps);
        Assert.Empty(_api.FinalizerWrites);

        reconciler.Release();
        await Until(() => !_api.FinalizerWrites.IsEmpty);
        Assert.Equal(["reconcile started", "reconcile cancelled", "reconcile ended", "cleanup"], reconciler.Steps);
        Assert.Empty(Assert.Single(_api.FinalizerWrites));
        // The run cancelled for the deletion leaves no failure behind on the object on its way out.
        Assert.DoesNotContain(_api.Events, e => e.Type == "Warning");
        Assert.DoesNotContain(Conditions(JsonNode.Parse(_api.LiveJson)!["status"]!), c => c is { Type: ConditionTypes.Ready, Status: ConditionStatus.False });
    }

    [Fact]
    public async Task AHandOffCancelsTheRunningReconcileAndStopsOnlyOnceItHasEnded()
    {
        var reconciler = new GatedReconciler();
        var entity = Start(reconciler);
        entity.Tell(new EntityCommands.ObserveObject(Key, _api.LiveJson));
        await Until(() => reconciler.Steps.Contains("reconcile started"));
        var statusWrites = _api.StatusPatches.Count;

        Watch(entity);
        entity.Tell(HandOffStop.Instance);
        await Until(() => reconciler.Steps.Contains("reconcile cancelled"));
        // It answers after handling the hand-off, so it has not stopped on it; nor has any Terminated come.
        await ReplyOf(entity);
        await ExpectNoMsgAsync(TimeSpan.Zero);

        reconciler.Release();
        await ExpectTerminatedAsync(entity, Wait);
        // The cancelled run is not reported as the object's outcome: its next home reconciles it.
        Assert.Equal(statusWrites, _api.StatusPatches.Count);
    }

    [Fact]
    public async Task AHandOffWaitsForTheRunningReconcileOnlySoLong()
    {
        var reconciler = new GatedReconciler();
        var entity = Start(reconciler);
        entity.Tell(new EntityCommands.ObserveObject(Key, _api.LiveJson));
        await Until(() => reconciler.Steps.Contains("reconcile started"));

        Watch(entity);
        entity.Tell(HandOffStop.Instance);
        await ReplyOf(entity);
        await ExpectNoMsgAsync(TimeSpan.Zero);
        Clock.Advance(TimeSpan.FromSeconds(20));
        await ExpectTerminatedAsync(entity, Wait);
        reconciler.Release();
    }

    [Fact]
    public async Task AnIdleEntityStopsAtOnceOnAHandOffAndStartsNoRunAfterIt()
    {
        var reconciler = new ScriptedReconciler();
        var entity = Start(reconciler);
        entity.Tell(new EntityCommands.ObserveObject(Key, _api.LiveJson));
        await Until(() => reconciler.Requests.Count == 1 && reconciler.Running == 0);
        await UntilIdle(entity);

        Watch(entity);
        entity.Tell(HandOffStop.Instance);
        entity.Tell(new EntityCommands.RequestReconcile(Key, null));
        await ExpectTerminatedAsync(entity, Wait);
        Assert.Single(reconciler.Requests);
    }

    [Fact]
    public async Task AChangedObjectShowsReconcilingBeforeItsRunAndAnIdleIntervalRunWritesNothing()
    {
        var reconciler = new ScriptedReconciler();
        reconciler.Hold();
        var entity = Start(reconciler);
        entity.Tell(new EntityCommands.ObserveObject(Key, _api.LiveJson));
        await Until(() => reconciler.Running == 1);

        var progress = JsonNode.Parse(_api.LiveJson)!["status"]!;
        Assert.Equal(
            [
                (ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.Progressing, "Reconciliation in progress", 1L),
                (ConditionTypes.Ready, ConditionStatus.Unknown, ConditionReasons.Progressing, "Reconciliation in progress", 1L),
            ],
            Conditions(progress));
        reconciler.Release();
        await Until(() => Conditions(JsonNode.Parse(_api.LiveJson)!["status"]!).Any(c => c is { Type: ConditionTypes.Ready, Status: ConditionStatus.True }));
        await Until(() => reconciler.Running == 0);
        Assert.DoesNotContain(Conditions(JsonNode.Parse(_api.LiveJson)!["status"]!), c => c.Type == ConditionTypes.Reconciling);

        // The watch brings the written status back; the next interval run of the Ready object has nothing to write.
        entity.Tell(new EntityCommands.ObserveObject(Key, _api.LiveJson));
        await ReplyOf(entity);
        var writes = _api.StatusPatches.Count;
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Until(() => reconciler.Requests.Count == 2 && reconciler.Running == 0);
        // Its end is handled, and with it the status write it would make.
        await UntilIdle(entity);
        Assert.Equal(writes, _api.StatusPatches.Count);
    }

    [Fact]
    public async Task AnUpstreamRevisionMarksTheObjectReconcilingWhileItsRunIsHeld()
    {
        var reconciler = new ScriptedReconciler();
        var entity = Start(reconciler);
        entity.Tell(new EntityCommands.ObserveObject(Key, _api.LiveJson));
        await Until(() => reconciler.Requests.Count == 1 && reconciler.Running == 0);
        await Until(() => Conditions(JsonNode.Parse(_api.LiveJson)!["status"]!).Any(c => c is { Type: ConditionTypes.Ready, Status: ConditionStatus.True }));
        entity.Tell(new EntityCommands.ObserveObject(Key, _api.LiveJson));

        reconciler.Hold();
        entity.Tell(new EntityCommands.ArtifactPublished(Key, new ObjectKey("GitRepository", "flux-system", "source"), "main@sha1:bbb"));
        await Until(() => reconciler.Running == 1);
        Assert.Contains(
            (ConditionTypes.Ready, ConditionStatus.Unknown, ConditionReasons.Progressing, "Reconciliation in progress", 1L),
            Conditions(JsonNode.Parse(_api.LiveJson)!["status"]!));
        reconciler.Release();
    }

    [Fact]
    public async Task TheRuntimesEventsCarryTheRevisionUnderTheKindsGroupAndTheObjectsEventAnnotations()
    {
        var reconciler = new ScriptedReconciler();
        reconciler.Enqueue(
            ReconcileResult.Success("stored artifact for revision 'main@sha1:aaa'", "main@sha1:aaa", revisionEventReason: "NewArtifact"),
            ReconcileResult.Failure("GitOperationFailed", "unable to reach the host"));
        var annotated = JsonNode.Parse(_api.LiveJson)!.AsObject();
        annotated["metadata"]!["annotations"] = new JsonObject { ["event.toolkit.fluxcd.io/team"] = "payments", ["other.io/x"] = "y" };
        var entity = Start(reconciler);
        entity.Tell(new EntityCommands.ObserveObject(Key, annotated.ToJsonString()));
        await Until(() => _api.Events.Count == 1);
        entity.Tell(new EntityCommands.RequestReconcile(Key, null));
        await Until(() => _api.Events.Count == 2);

        var (stored, failed) = (_api.Events.First(), _api.Events.Last());
        Assert.Equal(("Normal", "NewArtifact"), (stored.Type, stored.Reason));
        Assert.Equal(
            new Dictionary<string, string> { ["source.toolkit.fluxcd.io/revision"] = "main@sha1:aaa", ["event.toolkit.fluxcd.io/team"] = "payments" },
            stored.Annotations);
        Assert.Equal(("Warning", "GitOperationFailed"), (failed.Type, failed.Reason));
        Assert.Equal("main@sha1:aaa", failed.Annotations["source.toolkit.fluxcd.io/revision"]);
    }

    [Fact]
    public async Task AStalledObjectWhoseFinalStatusWriteFailedIsWrittenAgainAfterABackoff()
    {
        var reconciler = new ScriptedReconciler();
        reconciler.Enqueue(ReconcileResult.Stall(ConditionReasons.InvalidCELExpression, "CEL expressions are not supported yet by Fleet"));
        reconciler.Hold();
        var entity = Start(reconciler);
        entity.Tell(new EntityCommands.ObserveObject(Key, _api.LiveJson));
        await Until(() => reconciler.Running == 1);

        _api.RefuseStatusPatches(2);
        reconciler.Release();
        await Until(() => _api.RefusedStatusPatches == 1);
        Assert.Equal(ConditionStatus.Unknown, LiveReady()?.Status);

        // The first retry after 5 s is refused too; the next comes 10 s later and lands.
        Clock.Advance(TimeSpan.FromSeconds(5));
        await Until(() => _api.RefusedStatusPatches == 2);
        Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(ConditionStatus.Unknown, LiveReady()?.Status);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Until(() => LiveReady()?.Reason == ConditionReasons.InvalidCELExpression);
        Assert.Equal(ConditionStatus.False, LiveReady()!.Status);
        Assert.Contains(ObjectConditions.Of(JsonNode.Parse(_api.LiveJson)!.AsObject()), c => c is { Type: ConditionTypes.Stalled, Status: ConditionStatus.True });
    }

    [Fact]
    public async Task ACleanupWhoseFinalizerWriteFailedIsTriedAgainAfterABackoff()
    {
        var reconciler = new ScriptedReconciler();
        var entity = Start(reconciler);
        _api.RefuseFinalizerWrites(1);
        entity.Tell(new EntityCommands.ObserveObject(Key, Deleting(_api.LiveJson)));
        await Until(() => _api.RefusedFinalizerWrites == 1);
        Assert.Empty(_api.FinalizerWrites);

        Clock.Advance(TimeSpan.FromSeconds(5));
        await Until(() => !_api.FinalizerWrites.IsEmpty);
        Assert.Empty(Assert.Single(_api.FinalizerWrites));
    }

    private Condition? LiveReady() => ObjectConditions.Find(JsonNode.Parse(_api.LiveJson)!.AsObject(), ConditionTypes.Ready);

    private static List<(string Type, string Status, string Reason, string Message, long Generation)> Conditions(JsonNode status) =>
        [.. status["conditions"]!.AsArray().Select(c => (
            c!["type"]!.GetValue<string>(),
            c["status"]!.GetValue<string>(),
            c["reason"]!.GetValue<string>(),
            c["message"]!.GetValue<string>(),
            c["observedGeneration"]!.GetValue<long>()))];

    private static string WithFinalizer(string objectJson)
    {
        var obj = JsonNode.Parse(objectJson)!.AsObject();
        obj["metadata"]!["finalizers"] = new JsonArray(FluxAnnotations.Finalizer);
        return obj.ToJsonString();
    }

    private static string Deleting(string objectJson)
    {
        var obj = JsonNode.Parse(objectJson)!.AsObject();
        obj["metadata"]!["deletionTimestamp"] = "2026-12-01T10:00:00Z";
        return obj.ToJsonString();
    }
}
