using Fleet.Actors.Kube;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// The persistent actor of one Flux object. It owns the object's schedule, runs its reconciler off the
/// actor thread one run at a time (triggers that arrive meanwhile are coalesced into one more run),
/// and persists outcomes so that the entity resumes with its state on whichever node starts it next.
/// </summary>
public sealed class ReconcilerEntity : UntypedPersistentActor, IWithTimers
{
    private const string TimerKey = "reconcile";
    private const string Finalizing = "cleaning up and removing the finalizer";

    private readonly FluxKind _kind;
    private readonly ObjectKey _key;
    private readonly IObjectReconciler _reconciler;
    private readonly EntityRuntimeSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private EntityState _state = EntityState.Empty;
    private ObjectFacts? _facts;
    private CancellationTokenSource? _running;
    private long _runId;
    private bool _pending;
    private bool _finalizerPending;
    private bool _finalizing;
    private int _eventsSinceSnapshot;

    /// <summary>What the last run used from each upstream object; null until a run reports its upstreams.</summary>
    private IReadOnlyDictionary<ObjectKey, string?>? _upstreams;

    /// <summary>Revisions upstream objects published while a run was under way, checked when it ends.</summary>
    private readonly Dictionary<ObjectKey, string> _publishedDuringRun = [];

    public ReconcilerEntity(FluxKind kind, string entityId, IReconcilerCatalog catalog, EntityRuntimeSettings settings)
    {
        var slash = entityId.IndexOf('/', StringComparison.Ordinal);
        _key = new ObjectKey(kind.Kind, entityId[..slash], entityId[(slash + 1)..]);
        _kind = kind;
        _reconciler = catalog.Create(kind, _key);
        _settings = settings;
    }

    public static Props Props(FluxKind kind, string entityId, IReconcilerCatalog catalog, EntityRuntimeSettings settings) =>
        Akka.Actor.Props.Create(() => new ReconcilerEntity(kind, entityId, catalog, settings));

    public override string PersistenceId => _key.PersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Now, to the second, as Kubernetes writes times.</summary>
    private DateTime Now
    {
        get
        {
            var now = _settings.Clock.GetUtcNow().UtcDateTime;
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        }
    }

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: EntityState snapshot }:
                _state = snapshot;
                break;
            case IEntityEvent @event:
                _state = _state.Apply(@event);
                break;
            case RecoveryCompleted:
                _facts = ReadFacts(_state.ObjectJson);
                if (ReconcilableFacts() is not null)
                {
                    // A restart (deploy, failover, rebalance) reconciles soon, as a restarted Flux controller does.
                    Schedule(_settings.Schedule.AfterStart(Interval));
                }
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case EntityCommands.ObserveObject observe:
                OnObserve(observe);
                break;
            case EntityCommands.RequestReconcile:
                Trigger();
                break;
            case EntityCommands.ForgetObject:
                OnForget();
                break;
            case EntityCommands.Subscribe subscribe:
                OnSubscribe(subscribe.Subscriber);
                break;
            case EntityCommands.Unsubscribe unsubscribe when _state.Subscribers.Contains(unsubscribe.Subscriber):
                Persist(new EntityEvents.SubscriberRemoved(unsubscribe.Subscriber), Record);
                break;
            case EntityCommands.Unsubscribe:
                break;
            case EntityCommands.ArtifactPublished published:
                OnPublished(published);
                break;
            case EntityQueries.GetEntityState:
                Sender.Tell(new EntityQueries.EntityStateReply(_key, NodeAddress.Of(Context.System), _state, _running is not null));
                break;
            case ReconcileTick:
                Trigger();
                break;
            case ReconcileCompleted completed when completed.RunId == _runId:
                OnCompleted(completed);
                break;
            case StatusWritten:
                PublishToSubscribers();
                break;
            case ApiWriteFinished { What: Finalizing } finalized:
                // Done or failed, the next observation of the deleting object may try again.
                _finalizing = false;
                if (finalized.Error is { } cleanupError)
                {
                    _log.Warning("{0}: {1} failed: {2}", _key, Finalizing, cleanupError);
                }
                break;
            case ApiWriteFinished { Error: { } error } failed:
                // The next observation or reconcile tries again; nothing is lost by waiting for it.
                _finalizerPending = false;
                _log.Warning("{0}: {1} failed: {2}", _key, failed.What, error);
                break;
            case ApiWriteFinished:
                break;
            case SaveSnapshotSuccess success:
                DeleteMessages(success.Metadata.SequenceNr);
                DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
                break;
            case SaveSnapshotFailure failure:
                _log.Warning(failure.Cause, "{0}: snapshot failed", _key);
                break;
            case DeleteMessagesSuccess or DeleteSnapshotsSuccess:
                break;
            case DeleteMessagesFailure or DeleteSnapshotsFailure:
                _log.Warning("{0}: cleaning up old journal entries failed: {1}", _key, message);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnObserve(EntityCommands.ObserveObject observe)
    {
        ObjectFacts facts;
        try
        {
            facts = ObjectFacts.Parse(observe.ObjectJson);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            _log.Warning("{0}: ignoring an object that cannot be read: {1}", _key, e.Message);
            return;
        }

        if (facts.Deleting)
        {
            OnDeleting(facts);
            return;
        }
        EnsureFinalizer(facts);

        var needsReconcile = EntityDecisions.NeedsReconcile(_state.Uid == facts.Uid ? _state : EntityState.Empty, facts);
        var observed = EntityDecisions.Observe(_state, facts, observe.ObjectJson, Now);
        if (observed is null)
        {
            _facts = facts;
            _state = _state with { ObjectJson = observe.ObjectJson };
            return;
        }
        Persist(observed, e =>
        {
            Record(e);
            _facts = facts;
            if (facts.Suspended)
            {
                Timers.Cancel(TimerKey);
            }
            else if (needsReconcile)
            {
                Trigger();
            }
            else if (!Timers.IsTimerActive(TimerKey) && _running is null)
            {
                Schedule(_settings.Schedule.AfterStart(Interval));
            }
        });
    }

    /// <summary>Flux's finalizer goes on before the first reconcile, so a deletion waits for the entity to clean up.</summary>
    private void EnsureFinalizer(ObjectFacts facts)
    {
        if (_settings.ObjectApi is not { } api || _finalizerPending || facts.Finalizers.Contains(FluxAnnotations.Finalizer))
        {
            return;
        }
        _finalizerPending = true;
        WriteToApi("adding the finalizer", api.SetFinalizersAsync(_kind, _key, facts.Finalizers, [.. facts.Finalizers, FluxAnnotations.Finalizer], CancellationToken.None));
    }

    /// <summary>The object is being deleted: stop reconciling and let the deletion finish by removing Fleet's finalizer.</summary>
    private void OnDeleting(ObjectFacts facts)
    {
        _facts = facts;
        Timers.Cancel(TimerKey);
        _running?.Cancel();
        UnsubscribeFromUpstreams();
        if (_settings.ObjectApi is { } api && facts.Finalizers.Contains(FluxAnnotations.Finalizer) && !_finalizing)
        {
            _finalizing = true;
            WriteToApi(Finalizing, CleanUpThenReleaseAsync(api, facts.Finalizers));
        }
    }

    private async Task CleanUpThenReleaseAsync(IObjectApi api, IReadOnlyList<string> finalizers)
    {
        if (_reconciler is IObjectCleanup cleanup)
        {
            var request = new ReconcileRequest(_key, _facts?.Object ?? [], _facts?.Generation ?? 0, _facts?.RequestedAt, _state);
            await cleanup.CleanupAsync(request, CancellationToken.None);
        }
        await api.SetFinalizersAsync(_kind, _key, finalizers, [.. finalizers.Where(f => f != FluxAnnotations.Finalizer)], CancellationToken.None);
    }

    /// <summary>Brings the object's status to the entity's state; writes nothing when it already holds.</summary>
    private Task WriteStatus()
    {
        if (_settings.ObjectApi is not { } api || _facts is null || StatusDocument.PatchFrom(_facts.Object, _state) is not { } patch)
        {
            return Task.CompletedTask;
        }
        var write = api.PatchStatusAsync(_kind, _key, patch, CancellationToken.None);
        WriteToApi("writing the status", write);
        return write;
    }

    private void RecordEvent(ObjectEvent? @event)
    {
        if (_settings.ObjectApi is { } api && @event is not null)
        {
            WriteToApi($"recording the {@event.Reason} event", api.RecordEventAsync(_kind, _key, _state.Uid, @event, CancellationToken.None));
        }
    }

    private void WriteToApi(string what, Task write) =>
        write.ContinueWith(
                task => (object)new ApiWriteFinished(what, task.Exception?.GetBaseException().Message),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default)
            .PipeTo(Self);

    /// <summary>Records a consumer and tells it the current revision at once, so it never waits for the next one.</summary>
    private void OnSubscribe(ObjectKey subscriber)
    {
        if (_state.Subscribers.Contains(subscriber))
        {
            PublishTo(subscriber);
            return;
        }
        Persist(new EntityEvents.SubscriberAdded(subscriber), e =>
        {
            Record(e);
            PublishTo(subscriber);
        });
    }

    private void PublishTo(ObjectKey subscriber)
    {
        if (_settings.Router is { } route && _state is { LastOutcome: ReconcileOutcome.Succeeded, LastRevision: { } revision })
        {
            route(new EntityCommands.ArtifactPublished(subscriber, _key, revision));
        }
    }

    private void PublishToSubscribers()
    {
        foreach (var subscriber in _state.Subscribers)
        {
            PublishTo(subscriber);
        }
    }

    /// <summary>
    /// An upstream object reached a revision. It matters unless the last run already used it; while a run is
    /// under way the run's own report decides. An object this one no longer consumes is told to stop.
    /// </summary>
    private void OnPublished(EntityCommands.ArtifactPublished published)
    {
        if (_upstreams is { } known && !known.ContainsKey(published.Source))
        {
            _settings.Router?.Invoke(new EntityCommands.Unsubscribe(published.Source, _key));
            return;
        }
        if (_running is not null)
        {
            _publishedDuringRun[published.Source] = published.Revision;
            return;
        }
        if (_upstreams is { } used && used.TryGetValue(published.Source, out var revision) && revision == published.Revision)
        {
            return;
        }
        Trigger();
    }

    /// <summary>Follows the upstream objects a run reported, and drops those it no longer names.</summary>
    private void FollowUpstreams(IReadOnlyDictionary<ObjectKey, string?>? upstreams)
    {
        foreach (var (source, revision) in _publishedDuringRun)
        {
            var used = upstreams ?? _upstreams;
            if (used is not null && used.TryGetValue(source, out var consumed) && consumed != revision)
            {
                _pending = true;
            }
        }
        _publishedDuringRun.Clear();
        if (upstreams is null)
        {
            return;
        }
        var before = _upstreams ?? new Dictionary<ObjectKey, string?>();
        foreach (var source in upstreams.Keys.Where(k => !before.ContainsKey(k)))
        {
            _settings.Router?.Invoke(new EntityCommands.Subscribe(source, _key));
        }
        foreach (var source in before.Keys.Where(k => !upstreams.ContainsKey(k)))
        {
            _settings.Router?.Invoke(new EntityCommands.Unsubscribe(source, _key));
        }
        _upstreams = upstreams;
    }

    private void UnsubscribeFromUpstreams()
    {
        foreach (var source in _upstreams?.Keys ?? [])
        {
            _settings.Router?.Invoke(new EntityCommands.Unsubscribe(source, _key));
        }
        _upstreams = null;
    }

    private void OnForget()
    {
        Timers.Cancel(TimerKey);
        _running?.Cancel();
        UnsubscribeFromUpstreams();
        if (_state.ObjectJson is null || _state.Removed)
        {
            Passivate();
            return;
        }
        Persist(new EntityEvents.ObjectRemoved(Now), e =>
        {
            Record(e);
            Passivate();
        });
    }

    private void Trigger()
    {
        if (ReconcilableFacts() is not { } facts)
        {
            return;
        }
        if (_running is not null)
        {
            _pending = true;
            return;
        }
        Start(facts);
    }

    private void Start(ObjectFacts facts)
    {
        Timers.Cancel(TimerKey);
        _pending = false;
        var request = new ReconcileRequest(_key, facts.Object, facts.Generation, facts.RequestedAt, _state);
        var timeout = Max(facts.Timeout ?? Interval, _settings.MinimumTimeout);
        var cancellation = new CancellationTokenSource();
        _running = cancellation;
        var runId = ++_runId;
        var reconciler = _reconciler;
        var slots = _settings.Slots;
        var kind = _key.Kind;
        Task.Run(async () =>
            {
                // The time limit starts once a slot is free: waiting in line is not the object's fault.
                using var slot = await slots.AcquireAsync(kind, cancellation.Token);
                cancellation.CancelAfter(timeout);
                return await reconciler.ReconcileAsync(request, cancellation.Token);
            }, cancellation.Token)
            .ContinueWith(
                task => new ReconcileCompleted(runId, request, Outcome(task)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void OnCompleted(ReconcileCompleted completed)
    {
        _running?.Dispose();
        _running = null;
        var finished = EntityDecisions.Finish(_state, completed.Request, completed.Result, Now);
        var next = _state.Apply(finished);
        var published = EntityDecisions.IsNewsForSubscribers(_state, next);
        RecordEvent(EntityDecisions.EventFor(_state, completed.Result));
        foreach (var @event in completed.Result.Events)
        {
            // A change set belongs in the node's log as well as in the object's Events.
            _log.Info("{0}: {1}", _key, @event.Message);
            RecordEvent(@event);
        }
        FollowUpstreams(completed.Result.Upstreams);
        if (EntityDecisions.IsWorthPersisting(_state, next))
        {
            Persist(finished, e =>
            {
                Record(e);
                AfterFinished(published, completed.Result.RequeueAfter);
            });
        }
        else
        {
            _state = next;
            AfterFinished(published, completed.Result.RequeueAfter);
        }
    }

    private void AfterFinished(bool published, TimeSpan? requeueAfter)
    {
        var written = WriteStatus();
        if (published)
        {
            // Subscribers read this object's status (a dependency's readiness), so they hear once it is written.
            written.ContinueWith(_ => StatusWritten.Instance, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                .PipeTo(Self);
        }
        AfterRun(requeueAfter);
    }

    private void AfterRun(TimeSpan? requeueAfter)
    {
        if (ReconcilableFacts() is not { } facts)
        {
            return;
        }
        // A new generation or request that arrived during the run set _pending; a failure alone waits for its retry.
        if (_pending)
        {
            Start(facts);
            return;
        }
        switch (_state.LastOutcome)
        {
            case ReconcileOutcome.Succeeded when _settings.Schedule.AfterSuccess(Interval) is { } delay:
                Schedule(delay);
                break;
            case ReconcileOutcome.Failed:
                Schedule(requeueAfter ?? _settings.Schedule.AfterFailure(facts.RetryInterval ?? Interval, _state.ConsecutiveFailures));
                break;
            case ReconcileOutcome.Stalled:
                // A stalled object waits for a person to change it; a new generation or requestedAt triggers it.
                break;
        }
    }

    private void Record(IEntityEvent @event)
    {
        _state = _state.Apply(@event);
        if (++_eventsSinceSnapshot >= _settings.SnapshotEvery)
        {
            _eventsSinceSnapshot = 0;
            SaveSnapshot(_state);
        }
    }

    /// <summary>The object's facts when it may reconcile: known, not suspended, not removed.</summary>
    private ObjectFacts? ReconcilableFacts() => _facts is { Suspended: false, Deleting: false } && !_state.Removed ? _facts : null;

    private TimeSpan Interval => _facts?.Interval ?? ReconcileSchedule.FallbackInterval;

    private void Schedule(TimeSpan delay) => Timers.StartSingleTimer(TimerKey, ReconcileTick.Instance, delay);

    private void Passivate() => Context.Parent.Tell(new Passivate(PoisonPill.Instance));

    protected override void PostStop()
    {
        _running?.Cancel();
        (_reconciler as IDisposable)?.Dispose();
        base.PostStop();
    }

    private static ObjectFacts? ReadFacts(string? objectJson)
    {
        if (objectJson is null)
        {
            return null;
        }
        try
        {
            return ObjectFacts.Parse(objectJson);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ReconcileResult Outcome(Task<ReconcileResult> task) => task.Status switch
    {
        TaskStatus.RanToCompletion => task.Result,
        TaskStatus.Canceled => ReconcileResult.Failure(ConditionReasons.ReconciliationFailed, "reconciliation timed out or was cancelled"),
        _ => ReconcileResult.Failure(
            ConditionReasons.ReconciliationFailed,
            task.Exception?.GetBaseException().Message ?? "reconciliation failed"),
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The entity's own timer message; never crosses a node.</summary>
    private sealed class ReconcileTick : INoSerializationVerificationNeeded, INotInfluenceReceiveTimeout
    {
        public static readonly ReconcileTick Instance = new();
    }

    /// <summary>The status of a run worth publishing was written (or failed to be); subscribers hear of it now.</summary>
    private sealed class StatusWritten : INoSerializationVerificationNeeded
    {
        public static readonly StatusWritten Instance = new();
    }

    /// <summary>A write to the API server finished; <paramref name="Error"/> says why it failed.</summary>
    private sealed record ApiWriteFinished(string What, string? Error) : INoSerializationVerificationNeeded;

    /// <summary>A reconcile's result, piped back to the actor.</summary>
    private sealed record ReconcileCompleted(long RunId, ReconcileRequest Request, ReconcileResult Result) : INoSerializationVerificationNeeded;
}
