using Akka.Actor;
using Akka.TestKit;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;
using Fleet.Tests.Support;

namespace Fleet.Tests.Reconciliation;

/// <summary>The entity runtime's scheduling and state, on virtual time with an in-memory journal.</summary>
public class ReconcilerEntityTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly ObjectKey Key = new("GitRepository", "flux-system", "podinfo");

    private readonly ScriptedReconciler _reconciler = new();

    private readonly EntityRuntimeSettings _settings = new()
    {
        // A random draw of 0.5 means no jitter, so the tests can name exact instants.
        Schedule = new ReconcileSchedule(0.05, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15), () => 0.5),
        SnapshotEvery = 3,
    };

    public ReconcilerEntityTests()
        : base(EntityTestConfig.Hocon)
    {
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private IActorRef StartEntity() =>
        Sys.ActorOf(ReconcilerEntity.Props(FluxKinds.GitRepository, Key.EntityId, _reconciler, _settings));

    /// <summary>The entity's answer, sent once it has handled everything sent to it before.</summary>
    private static Task<EntityQueries.EntityStateReply> ReplyOf(IActorRef entity) =>
        entity.Ask<EntityQueries.EntityStateReply>(new EntityQueries.GetEntityState(Key), TimeSpan.FromSeconds(3));

    private async Task<EntityState> StateOf(IActorRef entity) => (await ReplyOf(entity)).State;

    private async Task AwaitRuns(int count) =>
        await AwaitConditionAsync(() => Task.FromResult(_reconciler.Requests.Count == count && _reconciler.Running == 0), TimeSpan.FromSeconds(5));

    private async Task AwaitState(IActorRef entity, Func<EntityState, bool> condition) =>
        await AwaitAssertAsync(async () => Assert.True(condition(await StateOf(entity))), TimeSpan.FromSeconds(5));

    /// <summary>
    /// Waits until the entity, having handled everything sent to it before, has no run under way. A run that anything
    /// sent before started is then either still running (the entity says so) or has ended, and is in the reconciler's
    /// requests either way: what the test counts next is final, with no window to wait out.
    /// </summary>
    private async Task AwaitIdle(IActorRef entity) =>
        await AwaitAssertAsync(async () => Assert.False((await ReplyOf(entity)).Reconciling), TimeSpan.FromSeconds(5));

    [Fact]
    public async Task FirstObservationReconcilesAndMarksReady()
    {
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", generation: 3)));

        await AwaitRuns(1);
        await AwaitState(entity, s => s.ObservedGeneration == 3);
        var state = await StateOf(entity);
        var ready = Assert.Single(state.Conditions);
        Assert.Equal((ConditionTypes.Ready, ConditionStatus.True, 3L), (ready.Type, ready.Status, ready.ObservedGeneration!.Value));
        Assert.Equal("rev-1", state.LastRevision);
    }

    [Fact]
    public async Task ARunWaitsForAFreeSlotAndItsTimeLimitStartsOnlyThen()
    {
        var slots = new ReconcileSlots(perKind: 1);
        var entity = Sys.ActorOf(ReconcilerEntity.Props(FluxKinds.GitRepository, Key.EntityId, _reconciler,
            _settings with { Slots = slots, MinimumTimeout = TimeSpan.FromMilliseconds(100) }));
        var busy = await slots.AcquireAsync(Key.Kind, CancellationToken.None);

        // The interval sets the run's time limit: 100 ms, the minimum.
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "100ms")));
        Assert.True((await ReplyOf(entity)).Reconciling);
        // The one window left: the limit runs on the real clock (CancelAfter), so queueing past it takes real time; a
        // limit started at launch would cancel the queued run here, and the run below would never come.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Empty(_reconciler.Requests);

        busy.Dispose();
        await AwaitRuns(1);
        await AwaitState(entity, s => s.LastOutcome == ReconcileOutcome.Succeeded);
    }

    [Fact]
    public async Task ReconcilesAgainEveryIntervalAndNotBefore()
    {
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "5m")));
        await AwaitRuns(1);
        await AwaitState(entity, s => s.ReconcileCount == 1);

        Clock.Advance(TimeSpan.FromMinutes(4.9));
        await AwaitIdle(entity);
        Assert.Single(_reconciler.Requests);

        Clock.Advance(TimeSpan.FromMinutes(0.2));
        await AwaitRuns(2);
        await AwaitState(entity, s => s.ReconcileCount == 2);

        Clock.Advance(TimeSpan.FromMinutes(5));
        await AwaitRuns(3);
    }

    [Fact]
    public async Task ASourceBacksOffExponentiallyFromTheMinimumRetryDelayAndResetsOnSuccess()
    {
        _reconciler.Enqueue(
            ReconcileResult.Failure(ConditionReasons.ArtifactFailed, "host unreachable"),
            ReconcileResult.Failure(ConditionReasons.ArtifactFailed, "host unreachable"),
            ReconcileResult.Failure(ConditionReasons.ArtifactFailed, "host unreachable"));
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "10m", retryInterval: "10m")));
        await AwaitRuns(1);
        await AwaitState(entity, s => s.ConsecutiveFailures == 1);

        var failed = await StateOf(entity);
        Assert.Contains(failed.Conditions, c => c is { Type: ConditionTypes.Ready, Status: ConditionStatus.False, Reason: ConditionReasons.ArtifactFailed, Message: "host unreachable" });
        Assert.Contains(failed.Conditions, c => c is { Type: ConditionTypes.Reconciling, Reason: ConditionReasons.ProgressingWithRetry });
        Assert.Equal(-1, failed.ObservedGeneration);

        // 1 s, 2 s, 4 s: the minimum retry delay doubled per failure; a retryInterval does not apply to sources.
        Clock.Advance(TimeSpan.FromSeconds(1));
        await AwaitRuns(2);
        await AwaitState(entity, s => s.ConsecutiveFailures == 2);

        Clock.Advance(TimeSpan.FromSeconds(1.9));
        await AwaitIdle(entity);
        Assert.Equal(2, _reconciler.Requests.Count);
        Clock.Advance(TimeSpan.FromSeconds(0.1));
        await AwaitRuns(3);
        await AwaitState(entity, s => s.ConsecutiveFailures == 3);

        Clock.Advance(TimeSpan.FromSeconds(4));
        await AwaitRuns(4);
        await AwaitState(entity, s => s is { ConsecutiveFailures: 0, LastOutcome: ReconcileOutcome.Succeeded, ObservedGeneration: 1 });
        Assert.DoesNotContain((await StateOf(entity)).Conditions, c => c.Type == ConditionTypes.Reconciling);
    }

    [Fact]
    public async Task AKustomizationRetriesAtItsRetryIntervalHoweverOftenItFails()
    {
        var kustomization = new ObjectKey("Kustomization", "flux-system", "apps");
        var catalog = new ReconcilerRegistry<object>()
            .Add(FluxKinds.Kustomization, RetryRule.RetryInterval, _ => _ => _reconciler)
            .CatalogFor(new object());
        _reconciler.Enqueue(
            ReconcileResult.Failure(ConditionReasons.BuildFailed, "kustomize build failed"),
            ReconcileResult.Failure(ConditionReasons.BuildFailed, "kustomize build failed"),
            ReconcileResult.Failure(ConditionReasons.BuildFailed, "kustomize build failed"));
        var entity = Sys.ActorOf(ReconcilerEntity.Props(FluxKinds.Kustomization, kustomization.EntityId, catalog, _settings));
        entity.Tell(new EntityCommands.ObserveObject(kustomization, TestObjects.GitRepository("flux-system", "apps", interval: "10m", retryInterval: "30s")));
        await AwaitRuns(1);

        for (var run = 2; run <= 4; run++)
        {
            // The last run's failure is handled, so its retry timer is set before time moves.
            await AwaitState(entity, s => s.ConsecutiveFailures == run - 1);
            Clock.Advance(TimeSpan.FromSeconds(29));
            await AwaitIdle(entity);
            Assert.Equal(run - 1, _reconciler.Requests.Count);
            Clock.Advance(TimeSpan.FromSeconds(1));
            await AwaitRuns(run);
        }
    }

    [Fact]
    public async Task ARunThatAsksForARequeueWaitsExactlyThat()
    {
        _reconciler.Enqueue(
            ReconcileResult.Failure(ConditionReasons.ArtifactFailed, "artifact not ready") with { RequeueAfter = TimeSpan.FromSeconds(30) },
            ReconcileResult.Failure(ConditionReasons.ArtifactFailed, "artifact not ready") with { RequeueAfter = TimeSpan.FromSeconds(30) });
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "10m")));
        await AwaitRuns(1);
        await AwaitState(entity, s => s.ConsecutiveFailures == 1);

        Clock.Advance(TimeSpan.FromSeconds(29));
        await AwaitIdle(entity);
        Assert.Single(_reconciler.Requests);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await AwaitRuns(2);
        await AwaitState(entity, s => s.ConsecutiveFailures == 2);
        Clock.Advance(TimeSpan.FromSeconds(30));
        await AwaitRuns(3);
    }

    [Fact]
    public async Task TriggersDuringARunAreCoalescedIntoOneMoreRun()
    {
        _reconciler.Hold();
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo")));
        await AwaitConditionAsync(() => Task.FromResult(_reconciler.Running == 1), TimeSpan.FromSeconds(5));

        for (var i = 0; i < 5; i++)
        {
            entity.Tell(new EntityCommands.RequestReconcile(Key, $"webhook-{i}"));
        }
        await AwaitState(entity, s => s.ObjectJson is not null);
        Assert.Equal(1, _reconciler.Running);

        _reconciler.Release();
        await AwaitConditionAsync(() => Task.FromResult(_reconciler.Requests.Count == 2), TimeSpan.FromSeconds(5));
        _reconciler.Release();
        await AwaitRuns(2);
        await AwaitIdle(entity);
        Assert.Equal(2, _reconciler.Requests.Count);
    }

    [Fact]
    public async Task SuspendedObjectDoesNotReconcileUntilResumed()
    {
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", generation: 1, suspend: true)));
        await AwaitState(entity, s => s.Generation == 1);
        entity.Tell(new EntityCommands.RequestReconcile(Key, null));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await AwaitIdle(entity);
        Assert.Empty(_reconciler.Requests);

        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", generation: 2)));
        await AwaitRuns(1);
        Assert.Equal(2, _reconciler.Requests.Single().Generation);
    }

    [Fact]
    public async Task RequestedAtTriggersOnceAndIsEchoedAsLastHandled()
    {
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo")));
        await AwaitRuns(1);

        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", requestedAt: "2026-11-24T10:00:00Z")));
        await AwaitRuns(2);
        await AwaitState(entity, s => s.LastHandledReconcileAt == "2026-11-24T10:00:00Z");

        // The status write that follows comes back through the watch with the same annotation: no new run.
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", requestedAt: "2026-11-24T10:00:00Z", statusMessage: "ok")));
        await AwaitIdle(entity);
        Assert.Equal(2, _reconciler.Requests.Count);
    }

    [Fact]
    public async Task StatusOnlyChangeDoesNotReconcile()
    {
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo")));
        await AwaitRuns(1);
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", statusMessage: "stored artifact")));
        await AwaitIdle(entity);
        Assert.Single(_reconciler.Requests);
    }

    [Fact]
    public async Task StalledObjectWaitsForANewGeneration()
    {
        _reconciler.Enqueue(ReconcileResult.Stall(ConditionReasons.InvalidURL, "url is not valid"));
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "1m")));
        await AwaitRuns(1);
        await AwaitState(entity, s => s.LastOutcome == ReconcileOutcome.Stalled);
        var stalled = await StateOf(entity);
        Assert.Contains(stalled.Conditions, c => c is { Type: ConditionTypes.Stalled, Status: ConditionStatus.True, Reason: ConditionReasons.InvalidURL });
        Assert.Equal(1, stalled.ObservedGeneration);

        Clock.Advance(TimeSpan.FromMinutes(30));
        await AwaitIdle(entity);
        Assert.Single(_reconciler.Requests);

        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", generation: 2)));
        await AwaitRuns(2);
    }

    [Fact]
    public async Task StateSurvivesARestartFromTheJournalAndSnapshots()
    {
        _reconciler.Enqueue(
            ReconcileResult.Success("first", "rev-a"),
            ReconcileResult.Failure(ConditionReasons.ArtifactFailed, "boom"),
            ReconcileResult.Success("second", "rev-b"),
            ReconcileResult.Success("third", "rev-c"));
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "1m", retryInterval: "1m")));
        await AwaitRuns(1);
        for (var run = 2; run <= 4; run++)
        {
            await AwaitState(entity, s => s.ReconcileCount == run - 1);
            Clock.Advance(TimeSpan.FromMinutes(1.1));
            await AwaitRuns(run);
        }
        await AwaitState(entity, s => s.LastRevision == "rev-c");
        var before = await StateOf(entity);

        Watch(entity);
        entity.Tell(PoisonPill.Instance);
        ExpectTerminated(entity);

        var restarted = StartEntity();
        var after = await StateOf(restarted);
        Assert.Equal(before.LastRevision, after.LastRevision);
        Assert.Equal(before.ObservedGeneration, after.ObservedGeneration);
        Assert.Equal(before.Conditions.Select(c => (c.Type, c.Status, c.Reason)), after.Conditions.Select(c => (c.Type, c.Status, c.Reason)));
        Assert.NotNull(after.ObjectJson);

        // Back on its feet it reconciles again soon, as a restarted controller does.
        Clock.Advance(TimeSpan.FromSeconds(5));
        await AwaitRuns(5);
    }

    [Fact]
    public async Task ForgottenObjectStopsTheEntityAndItsSchedule()
    {
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo")));
        await AwaitRuns(1);
        entity.Tell(new EntityCommands.ForgetObject(Key));
        await AwaitState(entity, s => s.Removed);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await AwaitIdle(entity);
        Assert.Single(_reconciler.Requests);
    }

    [Fact]
    public async Task SubscribersHearOfEveryNewRevisionAlsoAfterTheSourceRestarts()
    {
        var consumer = new ObjectKey("Kustomization", "flux-system", "apps");
        var routed = CreateTestProbe();
        var settings = _settings with { Router = message => routed.Ref.Tell(message) };
        _reconciler.Enqueue(
            ReconcileResult.Success("stored", "main@sha1:aaa"),
            ReconcileResult.Success("stored", "main@sha1:aaa"),
            ReconcileResult.Success("stored", "main@sha1:bbb"),
            ReconcileResult.Success("stored", "main@sha1:ccc"));
        var source = Sys.ActorOf(ReconcilerEntity.Props(FluxKinds.GitRepository, Key.EntityId, _reconciler, settings));
        source.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "1m")));
        await AwaitRuns(1);

        // A new subscriber learns the current revision at once.
        source.Tell(new EntityCommands.Subscribe(Key, consumer));
        var first = await routed.ExpectMsgAsync<EntityCommands.ArtifactPublished>(TimeSpan.FromSeconds(5));
        Assert.Equal((consumer, Key, "main@sha1:aaa"), (first.Key, first.Source, first.Revision));

        // The same revision again is not news.
        Clock.Advance(TimeSpan.FromMinutes(1.1));
        await AwaitRuns(2);
        await routed.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        Clock.Advance(TimeSpan.FromMinutes(1.1));
        await AwaitRuns(3);
        Assert.Equal("main@sha1:bbb", (await routed.ExpectMsgAsync<EntityCommands.ArtifactPublished>(TimeSpan.FromSeconds(5))).Revision);

        // The subscription is persisted: the source restarted elsewhere still publishes to it.
        Watch(source);
        source.Tell(PoisonPill.Instance);
        ExpectTerminated(source);
        var moved = Sys.ActorOf(ReconcilerEntity.Props(FluxKinds.GitRepository, Key.EntityId, _reconciler, settings));
        Assert.Equal([consumer], (await moved.Ask<EntityQueries.EntityStateReply>(new EntityQueries.GetEntityState(Key), TimeSpan.FromSeconds(3))).State.Subscribers);
        Clock.Advance(TimeSpan.FromSeconds(5));
        await AwaitRuns(4);
        Assert.Equal("main@sha1:ccc", (await routed.ExpectMsgAsync<EntityCommands.ArtifactPublished>(TimeSpan.FromSeconds(5))).Revision);
    }

    [Fact]
    public async Task APublishedArtifactMakesTheConsumerReconcileNow()
    {
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "1h")));
        await AwaitRuns(1);
        await AwaitState(entity, s => s.ReconcileCount == 1);

        entity.Tell(new EntityCommands.ArtifactPublished(Key, new ObjectKey("GitRepository", "flux-system", "source"), "main@sha1:abc"));
        await AwaitRuns(2);
    }

    [Fact]
    public async Task AConsumerFollowsTheUpstreamsItsRunNamesAndReconcilesOnlyForRevisionsItHasNotUsed()
    {
        var source = new ObjectKey("GitRepository", "flux-system", "source");
        var dependency = new ObjectKey("Kustomization", "flux-system", "infrastructure");
        var routed = CreateTestProbe();
        var settings = _settings with { Router = message => routed.Ref.Tell(message) };
        _reconciler.Enqueue(
            ReconcileResult.Failure(ConditionReasons.DependencyNotReady, "dependency 'flux-system/infrastructure' is not ready") with
            {
                Upstreams = new Dictionary<ObjectKey, string?> { [source] = "main@sha1:aaa", [dependency] = null },
            },
            ReconcileResult.Success("applied", "main@sha1:aaa") with
            {
                Upstreams = new Dictionary<ObjectKey, string?> { [source] = "main@sha1:aaa" },
            });
        var entity = Sys.ActorOf(ReconcilerEntity.Props(FluxKinds.GitRepository, Key.EntityId, _reconciler, settings));
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "1h")));
        await AwaitRuns(1);

        var subscriptions = new[]
        {
            await routed.ExpectMsgAsync<EntityCommands.Subscribe>(TimeSpan.FromSeconds(5)),
            await routed.ExpectMsgAsync<EntityCommands.Subscribe>(TimeSpan.FromSeconds(5)),
        };
        Assert.Equal([source, dependency], subscriptions.Select(s => s.Key).OrderBy(k => k.Kind));
        Assert.All(subscriptions, s => Assert.Equal(Key, s.Subscriber));

        // The source's answer to the subscription is the revision already used: not news.
        entity.Tell(new EntityCommands.ArtifactPublished(Key, source, "main@sha1:aaa"));
        await AwaitIdle(entity);
        Assert.Single(_reconciler.Requests);

        // The dependency became ready: reconcile now; that run no longer names it, so it is unsubscribed.
        entity.Tell(new EntityCommands.ArtifactPublished(Key, dependency, "main@sha1:aaa"));
        await AwaitRuns(2);
        var dropped = await routed.ExpectMsgAsync<EntityCommands.Unsubscribe>(TimeSpan.FromSeconds(5));
        Assert.Equal(dependency, dropped.Key);

        // An object it no longer follows is told again to stop, and triggers nothing.
        entity.Tell(new EntityCommands.ArtifactPublished(Key, dependency, "main@sha1:bbb"));
        Assert.Equal(dependency, (await routed.ExpectMsgAsync<EntityCommands.Unsubscribe>(TimeSpan.FromSeconds(5))).Key);

        entity.Tell(new EntityCommands.ArtifactPublished(Key, source, "main@sha1:bbb"));
        await AwaitRuns(3);
    }

    [Fact]
    public async Task ARevisionPublishedDuringARunThatDidNotUseItRunsOnceMore()
    {
        var source = new ObjectKey("GitRepository", "flux-system", "source");
        var used = new Dictionary<ObjectKey, string?> { [source] = "main@sha1:aaa" };
        _reconciler.Enqueue(
            ReconcileResult.Success("applied", "main@sha1:aaa") with { Upstreams = used },
            ReconcileResult.Success("applied", "main@sha1:aaa") with { Upstreams = used },
            ReconcileResult.Success("applied", "main@sha1:bbb") with { Upstreams = new Dictionary<ObjectKey, string?> { [source] = "main@sha1:bbb" } });
        var entity = StartEntity();
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "1h")));
        await AwaitRuns(1);

        _reconciler.Hold();
        entity.Tell(new EntityCommands.RequestReconcile(Key, null));
        await AwaitConditionAsync(() => Task.FromResult(_reconciler.Running == 1), TimeSpan.FromSeconds(5));
        entity.Tell(new EntityCommands.ArtifactPublished(Key, source, "main@sha1:aaa"));
        entity.Tell(new EntityCommands.ArtifactPublished(Key, source, "main@sha1:bbb"));
        _reconciler.Release();

        await AwaitRuns(3);
        await AwaitIdle(entity);
        Assert.Equal(3, _reconciler.Requests.Count);
    }

    [Fact]
    public async Task SubscribersHearWhenTheObjectRecoversAtTheSameRevision()
    {
        var consumer = new ObjectKey("Kustomization", "flux-system", "apps");
        var routed = CreateTestProbe();
        var settings = _settings with { Router = message => routed.Ref.Tell(message) };
        _reconciler.Enqueue(
            ReconcileResult.Success("applied", "main@sha1:aaa"),
            ReconcileResult.Failure(ConditionReasons.HealthCheckFailed, "timeout waiting for: [Deployment/demo/app status: 'InProgress']"),
            ReconcileResult.Success("applied", "main@sha1:aaa"));
        var entity = Sys.ActorOf(ReconcilerEntity.Props(FluxKinds.GitRepository, Key.EntityId, _reconciler, settings));
        entity.Tell(new EntityCommands.ObserveObject(Key, TestObjects.GitRepository("flux-system", "podinfo", interval: "1h")));
        await AwaitRuns(1);
        entity.Tell(new EntityCommands.Subscribe(Key, consumer));
        await routed.ExpectMsgAsync<EntityCommands.ArtifactPublished>(TimeSpan.FromSeconds(5));

        entity.Tell(new EntityCommands.RequestReconcile(Key, null));
        await AwaitRuns(2);
        await routed.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        entity.Tell(new EntityCommands.RequestReconcile(Key, null));
        await AwaitRuns(3);
        Assert.Equal("main@sha1:aaa", (await routed.ExpectMsgAsync<EntityCommands.ArtifactPublished>(TimeSpan.FromSeconds(5))).Revision);
    }
}
