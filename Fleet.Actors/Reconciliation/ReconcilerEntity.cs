using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Notification;
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
/// The persistent actor of one Flux object. It receives, persists, schedules and replies; what to run, what its upstreams
/// mean and which finalizer write to make are decided by <see cref="RunControl"/>, <see cref="UpstreamTracker"/> and
/// <see cref="FinalizerState"/>. Runs (reconcile or cleanup) go off the actor thread one at a time, and outcomes are
/// persisted so that the entity resumes with its state on whichever node starts it next.
/// </summary>
public sealed class ReconcilerEntity : UntypedPersistentActor, IWithTimers
{
    private const string TimerKey = "reconcile";
    private const string HandOffKey = "hand-off";
    private const string Finalizing = "cleaning up and removing the finalizer";
    private const string AddingFinalizer = "adding the finalizer";
    private const string WritingStatus = "writing the status";
    private const string StatusRetryKey = "status-retry";
    private const string CleanupRetryKey = "cleanup-retry";

    private readonly FluxKind _kind;
    private readonly ObjectKey _key;
    private readonly IObjectReconciler _reconciler;
    private readonly RetryRule _retry;
    private readonly EntityRuntimeSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RunControl _runs = new();
    private readonly UpstreamTracker _upstreams = new();
    private readonly FinalizerState _finalizer = new();

    private EntityState _state = EntityState.Empty;
    private ObjectFacts? _facts;
    private int _eventsSinceSnapshot;

    /// <summary>The last status write; the next one waits for it, so they reach the API server in order.</summary>
    private Task _statusWrites = Task.CompletedTask;
    private readonly ApiRetryDelay _statusRetry = new();
    private readonly ApiRetryDelay _cleanupRetry = new();

    /// <summary>Cancels this incarnation's deliveries when it stops; the entity's next home delivers what is still pending.</summary>
    private readonly CancellationTokenSource _deliveries = new();

    public ReconcilerEntity(FluxKind kind, string entityId, IReconcilerCatalog catalog, EntityRuntimeSettings settings)
    {
        var slash = entityId.IndexOf('/', StringComparison.Ordinal);
        _key = new ObjectKey(kind.Kind, entityId[..slash], entityId[(slash + 1)..]);
        _kind = kind;
        _reconciler = catalog.Create(kind, _key);
        _retry = catalog.RetryRuleOf(kind);
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
                foreach (var pending in _state.PendingAlerts)
                {
                    Deliver(pending);
                }
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
                Trigger(upstreamNews: false);
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
                Sender.Tell(new EntityQueries.EntityStateReply(_key, NodeAddress.Of(Context.System), _state, _runs.Running is not null));
                break;
            case ReconcileTick:
                Trigger(upstreamNews: false);
                break;
            case ReconcileCompleted completed when _runs.End(completed.RunId):
                OnCompleted(completed);
                break;
            case CleanupCompleted cleaned when _runs.End(cleaned.RunId):
                OnCleanedUp(cleaned);
                break;
            case ReconcileCompleted or CleanupCompleted:
                break;
            case HandOffStop:
                OnHandOff();
                break;
            case HandOffWaitOver:
                _log.Warning("{0}: stopping with its run still under way after {1}", _key, _settings.HandOffWait);
                Context.Stop(Self);
                break;
            case StatusWritten:
                PublishToSubscribers();
                break;
            case AlertFinished finished when _state.PendingAlerts.Any(p => p.Id == finished.Id):
                Persist(new EntityEvents.AlertDelivered(finished.Id), Record);
                break;
            case AlertFinished:
                break;
            case ApiWriteFinished { What: AddingFinalizer, Error: { } error }:
                // The next observation tries again; nothing is lost by waiting for it.
                _finalizer.AddFailed();
                _log.Warning("{0}: {1} failed: {2}", _key, AddingFinalizer, error);
                break;
            case ApiWriteFinished { What: WritingStatus, Error: { } error }:
                // A run's end writes the status anyway; without one (a Stalled object, a long interval) it is tried again,
                // so a lost write does not leave the object showing "Reconciliation in progress".
                _log.Warning("{0}: {1} failed: {2}", _key, WritingStatus, error);
                Timers.StartSingleTimer(StatusRetryKey, RetryStatusWrite.Instance, _statusRetry.AfterFailure());
                break;
            case ApiWriteFinished { What: WritingStatus }:
                _statusRetry.Succeeded();
                break;
            case RetryStatusWrite when _runs.Running is null && _facts is { Deleting: false } && !_state.Removed:
                WriteStatus();
                break;
            case RetryStatusWrite:
                break;
            case RetryCleanup when _facts is { Deleting: true } facts && facts.Finalizers.Contains(FluxAnnotations.Finalizer) && _runs.TryStartCleanup() is { } cleanup:
                StartCleanup(cleanup);
                break;
            case RetryCleanup:
                break;
            case ApiWriteFinished { Error: { } error } failed:
                // An Event is not worth a retry.
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

        var finalizerWrite = _settings.ObjectApi is null ? FinalizerWrite.None : _finalizer.Next(facts);
        if (facts.Deleting)
        {
            OnDeleting(facts, finalizerWrite);
            return;
        }
        if (finalizerWrite == FinalizerWrite.Add && _settings.ObjectApi is { } api)
        {
            WriteToApi(
                AddingFinalizer,
                api.SetFinalizersAsync(_kind, _key, facts.Finalizers, FinalizerState.WithFleets(facts.Finalizers), CancellationToken.None));
        }

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
                Trigger(upstreamNews: false);
            }
            else if (!Timers.IsTimerActive(TimerKey) && _runs.Running is null)
            {
                Schedule(_settings.Schedule.AfterStart(Interval));
            }
        });
    }

    /// <summary>The object is being deleted: stop reconciling, then clean up and remove Fleet's finalizer once no run is under way.</summary>
    private void OnDeleting(ObjectFacts facts, FinalizerWrite finalizerWrite)
    {
        _facts = facts;
        Timers.Cancel(TimerKey);
        Unsubscribe(_upstreams.Drop());
        if (finalizerWrite != FinalizerWrite.CleanUpAndRemove)
        {
            _runs.CancelReconcile();
            return;
        }
        if (_runs.TryStartCleanup() is { } run)
        {
            StartCleanup(run);
        }
    }

    private void OnForget()
    {
        Timers.Cancel(TimerKey);
        _runs.CancelReconcile();
        Unsubscribe(_upstreams.Drop());
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

    /// <summary>Cancels the run under way and stops once it has ended, or after <see cref="EntityRuntimeSettings.HandOffWait"/>.</summary>
    private void OnHandOff()
    {
        Timers.Cancel(TimerKey);
        if (_runs.Stop())
        {
            Context.Stop(Self);
            return;
        }
        Timers.StartSingleTimer(HandOffKey, HandOffWaitOver.Instance, _settings.HandOffWait);
    }

    private void Trigger(bool upstreamNews)
    {
        if (ReconcilableFacts() is not null && _runs.TryStartReconcile() is { } run)
        {
            StartReconcile(run, upstreamNews);
        }
    }

    private void StartRun(EntityRun run, bool upstreamNews)
    {
        if (run.Kind == RunKind.Cleanup)
        {
            StartCleanup(run);
        }
        else
        {
            StartReconcile(run, upstreamNews);
        }
    }

    private void StartReconcile(EntityRun run, bool upstreamNews)
    {
        var facts = _facts!;
        Timers.Cancel(TimerKey);
        var request = new ReconcileRequest(_key, facts.Object, facts.Generation, facts.RequestedAt, _state);
        var progress = EntityDecisions.HasWorkToDo(_state, facts, upstreamNews) ? ProgressingPatch(facts) : null;
        // The run waits for Reconciling to be written, so a `kubectl wait` right after a change waits for this run's outcome.
        var progressWritten = progress is null ? Task.CompletedTask : WriteStatusPatch(progress);
        var reconciler = _reconciler;
        Launch(
            run,
            facts,
            async cancellation =>
            {
                // A failed write does not hold the run back; a hung one gives way to the run's own cancellation.
                await progressWritten.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                    .WaitAsync(cancellation);
                return new ReconcileCompleted(run.Id, request, await reconciler.ReconcileAsync(request, cancellation), progress);
            },
            task => new ReconcileCompleted(run.Id, request, Outcome(task), progress));
    }

    /// <summary>The patch that marks the object Reconciling and Ready=Unknown at its new generation, or null when it shows that already.</summary>
    private JsonObject? ProgressingPatch(ObjectFacts facts) =>
        StatusDocument.PatchFrom(facts.Object, _state with { Conditions = FluxConditionRules.Progressing(_state.Conditions, facts.Generation, Now) });

    private void StartCleanup(EntityRun run)
    {
        var facts = _facts!;
        var api = _settings.ObjectApi!;
        var request = new ReconcileRequest(_key, facts.Object, facts.Generation, facts.RequestedAt, _state);
        var cleanup = _reconciler as IObjectCleanup;
        var (kind, key) = (_kind, _key);
        Launch(
            run,
            facts,
            async cancellation =>
            {
                if (cleanup is not null)
                {
                    await cleanup.CleanupAsync(request, cancellation);
                }
                await api.SetFinalizersAsync(kind, key, facts.Finalizers, FinalizerState.WithoutFleets(facts.Finalizers), cancellation);
                return new CleanupCompleted(run.Id, null);
            },
            task => new CleanupCompleted(run.Id, task.IsCanceled ? "cancelled or timed out" : task.Exception?.GetBaseException().Message));
    }

    /// <summary>Runs <paramref name="work"/> off the actor thread in one of its kind's slots, and pipes its report back.</summary>
    private void Launch<T>(EntityRun run, ObjectFacts facts, Func<CancellationToken, Task<T>> work, Func<Task<T>, T> failed)
        where T : notnull
    {
        var timeout = Max(facts.Timeout ?? Interval, _settings.MinimumTimeout);
        var slots = _settings.Slots;
        var (key, kind, log) = (_key, _key.Kind, _log);
        Task.Run(async () =>
            {
                // The time limit starts once a slot is free: waiting in line is not the object's fault.
                using var slot = await slots.AcquireAsync(kind, run.Cancellation);
                run.LimitTo(timeout);
                // Each node logs where every run starts and ends: an operator (and the chaos test) sees from the merged
                // logs that an object never ran on two nodes at once.
                log.Info("{0}: {1} started", key, run.Kind);
                try
                {
                    return await work(run.Cancellation);
                }
                finally
                {
                    log.Info("{0}: {1} ended", key, run.Kind);
                }
            }, run.Cancellation)
            .ContinueWith(
                task => (object)(task.Status == TaskStatus.RanToCompletion ? task.Result : failed(task)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void OnCompleted(ReconcileCompleted completed)
    {
        if (_runs.Stopping)
        {
            // Handed off: the entity's next home reconciles soon after it starts.
            Context.Stop(Self);
            return;
        }
        if (_facts is { Deleting: true } || _state.Removed)
        {
            // The object is on its way out (the run was cancelled for it): no outcome, Event or status is written over it.
            AfterRun(requeueAfter: null, upstreamNews: false);
            return;
        }
        if (_facts is not null && completed.Progress is { } progress)
        {
            // The object as it is after the run's own Reconciling write, even if the watch has not shown that yet.
            _facts = _facts with { Object = StatusDocument.WithStatusPatch(_facts.Object, progress) };
        }
        var finished = EntityDecisions.Finish(_state, completed.Request, completed.Result, Now, markedProgressing: completed.Progress is not null);
        var next = _state.Apply(finished);
        var published = EntityDecisions.IsNewsForSubscribers(_state, next);
        RecordEvent(EntityDecisions.EventFor(_state, completed.Result) is { } runtimeEvent
            ? FluxEventMetadata.WithRevision(runtimeEvent, _kind, completed.Result.Revision ?? _state.LastRevision)
            : null);
        foreach (var @event in completed.Result.Events)
        {
            // A change set belongs in the node's log as well as in the object's Events.
            _log.Info("{0}: {1}", _key, @event.Message);
            RecordEvent(@event);
        }
        var upstreams = _upstreams.Follow(completed.Result.Upstreams);
        foreach (var source in upstreams.Subscribe)
        {
            _settings.Router?.Invoke(new EntityCommands.Subscribe(source, _key));
        }
        Unsubscribe(upstreams.Unsubscribe);
        if (EntityDecisions.IsWorthPersisting(_state, next))
        {
            Persist(finished, e =>
            {
                Record(e);
                AfterFinished(published, completed.Result.RequeueAfter, upstreams.ReconcileAgain);
            });
        }
        else
        {
            _state = next;
            AfterFinished(published, completed.Result.RequeueAfter, upstreams.ReconcileAgain);
        }
    }

    private void OnCleanedUp(CleanupCompleted cleaned)
    {
        if (_runs.Stopping)
        {
            // Cancelled by the hand-off: the entity's next home cleans up when the watch shows it the deleting object.
            Context.Stop(Self);
            return;
        }
        if (cleaned.Error is { } error)
        {
            // Tried again after a backoff, or sooner when the watch shows the deleting object again, so the deletion does not
            // wait for a relist that may not come.
            _log.Warning("{0}: {1} failed: {2}", _key, Finalizing, error);
            Timers.StartSingleTimer(CleanupRetryKey, RetryCleanup.Instance, _cleanupRetry.AfterFailure());
            return;
        }
        _cleanupRetry.Succeeded();
    }

    private void AfterFinished(bool published, TimeSpan? requeueAfter, bool upstreamNews)
    {
        var written = WriteStatus();
        if (published)
        {
            // Subscribers read this object's status (a dependency's readiness), so they hear once it is written.
            written.ContinueWith(_ => StatusWritten.Instance, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                .PipeTo(Self);
        }
        AfterRun(requeueAfter, upstreamNews);
    }

    private void AfterRun(TimeSpan? requeueAfter, bool upstreamNews)
    {
        // A cleanup that waited for this run, or a new generation or request that arrived during it, runs now.
        if (_runs.StartWaiting(ReconcilableFacts() is not null) is { } waiting)
        {
            StartRun(waiting, upstreamNews);
            return;
        }
        if (ReconcilableFacts() is not { } facts)
        {
            return;
        }
        if (upstreamNews)
        {
            Trigger(upstreamNews);
            return;
        }
        switch (_state.LastOutcome)
        {
            case ReconcileOutcome.Succeeded when _settings.Schedule.AfterSuccess(Interval) is { } delay:
                Schedule(delay);
                break;
            case ReconcileOutcome.Failed:
                Schedule(requeueAfter ?? _settings.Schedule.AfterFailure(_retry, facts.RetryInterval ?? Interval, _state.ConsecutiveFailures));
                break;
            case ReconcileOutcome.Stalled:
                // A stalled object waits for a person to change it; a new generation or requestedAt triggers it.
                break;
        }
    }

    /// <summary>Brings the object's status to the entity's state; writes nothing when it already holds.</summary>
    private Task WriteStatus() =>
        _facts is not null && StatusDocument.PatchFrom(_facts.Object, _state) is { } patch ? WriteStatusPatch(patch) : Task.CompletedTask;

    private Task WriteStatusPatch(JsonObject patch)
    {
        if (_settings.ObjectApi is not { } api)
        {
            return Task.CompletedTask;
        }
        var (kind, key, previous) = (_kind, _key, _statusWrites);
        _statusWrites = WriteAfter(previous, () => api.PatchStatusAsync(kind, key, patch, CancellationToken.None));
        WriteToApi(WritingStatus, _statusWrites);
        return _statusWrites;
    }

    private static async Task WriteAfter(Task previous, Func<Task> write)
    {
        // The previous write's failure is already logged; this one goes ahead regardless.
        await previous.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await write();
    }

    private void RecordEvent(ObjectEvent? @event)
    {
        if (@event is null)
        {
            return;
        }
        var annotated = FluxEventMetadata.WithObjectAnnotations(@event, _facts?.Object);
        if (_settings.ObjectApi is { } api)
        {
            WriteToApi($"recording the {@event.Reason} event", api.RecordEventAsync(_kind, _key, _state.Uid, annotated, CancellationToken.None));
        }
        OfferToAlerts(annotated);
    }

    /// <summary>Hands the event to the node's alerting; the deliveries it accepts are persisted first, so a node's death loses none.</summary>
    private void OfferToAlerts(ObjectEvent recorded)
    {
        if (_settings.Alerts is not { } alerts)
        {
            return;
        }
        var @event = FluxEvents.From(_kind, _key, _state.Uid, recorded, alerts.ReportingInstance, _settings.Clock.GetUtcNow());
        var pending = alerts.Accept(@event, Labels(_facts?.Object));
        if (pending.Count == 0)
        {
            return;
        }
        Persist(new EntityEvents.AlertsPending(pending), e =>
        {
            Record(e);
            foreach (var delivery in pending)
            {
                Deliver(delivery);
            }
        });
    }

    private void Deliver(PendingAlert pending) =>
        _settings.Alerts?.DeliverAsync(pending, _deliveries.Token)
            .ContinueWith(_ => new AlertFinished(pending.Id), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
            .PipeTo(Self);

    private static Dictionary<string, string>? Labels(JsonObject? fluxObject) =>
        (fluxObject?["metadata"]?["labels"] as JsonObject)?
            .Where(l => l.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .ToDictionary(l => l.Key, l => l.Value!.GetValue<string>(), StringComparer.Ordinal);

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

    private void OnPublished(EntityCommands.ArtifactPublished published)
    {
        switch (_upstreams.Published(published.Source, published.Revision, _runs.Running is not null))
        {
            case UpstreamNews.Unsubscribe:
                Unsubscribe([published.Source]);
                break;
            case UpstreamNews.Reconcile:
                Trigger(upstreamNews: true);
                break;
        }
    }

    private void Unsubscribe(IEnumerable<ObjectKey> sources)
    {
        foreach (var source in sources)
        {
            _settings.Router?.Invoke(new EntityCommands.Unsubscribe(source, _key));
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

    /// <summary>Passivates the way a hand-off stops: a run still under way ends first.</summary>
    private void Passivate() => Context.Parent.Tell(new Passivate(HandOffStop.Instance));

    protected override void PostStop()
    {
        _deliveries.Cancel();
        _deliveries.Dispose();
        _runs.Stop();
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

    /// <summary>
    /// A run that threw: a defect, not the user's input, so the status names only the exception's type (a .NET message
    /// would mean nothing there) and the node's log has the detail.
    /// </summary>
    private ReconcileResult Outcome(Task<ReconcileCompleted> task)
    {
        if (task.Status == TaskStatus.Canceled || task.Exception?.GetBaseException() is not { } error)
        {
            return ReconcileResult.Failure(ConditionReasons.ReconciliationFailed, "reconciliation timed out or was cancelled");
        }
        _log.Warning(error, "{0}: reconciliation failed unexpectedly", _key);
        return ReconcileResult.Failure(ConditionReasons.ReconciliationFailed, $"reconciliation failed: unexpected internal error ({error.GetType().Name})");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The entity's timer to clean up again after a cleanup failed; never crosses a node.</summary>
    private sealed class RetryCleanup : INoSerializationVerificationNeeded, INotInfluenceReceiveTimeout
    {
        public static readonly RetryCleanup Instance = new();
    }

    /// <summary>The entity's timer to write its status again after a write failed; never crosses a node.</summary>
    private sealed class RetryStatusWrite : INoSerializationVerificationNeeded, INotInfluenceReceiveTimeout
    {
        public static readonly RetryStatusWrite Instance = new();
    }

    /// <summary>The entity's own timer message; never crosses a node.</summary>
    private sealed class ReconcileTick : INoSerializationVerificationNeeded, INotInfluenceReceiveTimeout
    {
        public static readonly ReconcileTick Instance = new();
    }

    /// <summary>A handed-off entity waited long enough for its cancelled run.</summary>
    private sealed class HandOffWaitOver : INoSerializationVerificationNeeded
    {
        public static readonly HandOffWaitOver Instance = new();
    }

    /// <summary>The status of a run worth publishing was written (or failed to be); subscribers hear of it now.</summary>
    private sealed class StatusWritten : INoSerializationVerificationNeeded
    {
        public static readonly StatusWritten Instance = new();
    }

    /// <summary>A pending alert's delivery ended (delivered, refused or given up); a cancelled one ends only when the entity stops.</summary>
    private sealed record AlertFinished(string Id) : INoSerializationVerificationNeeded;

    /// <summary>A write to the API server finished; <paramref name="Error"/> says why it failed.</summary>
    private sealed record ApiWriteFinished(string What, string? Error) : INoSerializationVerificationNeeded;

    /// <summary>A reconcile's result, piped back to the actor, with the Reconciling patch written before it ran.</summary>
    private sealed record ReconcileCompleted(long RunId, ReconcileRequest Request, ReconcileResult Result, JsonObject? Progress) : INoSerializationVerificationNeeded;

    /// <summary>A cleanup ended; <paramref name="Error"/> says why it failed.</summary>
    private sealed record CleanupCompleted(long RunId, string? Error) : INoSerializationVerificationNeeded;
}
