using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// How a reconcile ended, with the Ready condition's reason and message, the revision it reached, and the
/// status fields the kind owns (`artifact`, ...); a null <see cref="Status"/> keeps the last one written.
/// <see cref="RevisionEventReason"/> names the Kubernetes Event recorded when the revision is new (Flux's
/// <c>NewArtifact</c> for sources); none is recorded without it.
/// </summary>
/// <remarks>
/// <see cref="Upstreams"/> names the objects this one consumes (its source, its dependencies) with the revision
/// this run used from each, null where it used none (missing, not ready): the entity subscribes to them, and a
/// revision published later that differs from the one used triggers a reconcile. Null keeps the last run's.
/// </remarks>
public sealed record ReconcileResult(
    ReconcileOutcome Outcome, string Reason, string Message, string? Revision = null, JsonObject? Status = null, string? RevisionEventReason = null)
{
    public IReadOnlyDictionary<ObjectKey, string?>? Upstreams { get; init; }

    /// <summary>Kubernetes Events the run records besides the revision and failure events (a change set, a recovery).</summary>
    public IReadOnlyList<ObjectEvent> Events { get; init; } = [];

    /// <summary>
    /// The conditions the kind owns besides Ready, Reconciling and Stalled (Flux's <c>Healthy</c>, <c>ArtifactInStorage</c>,
    /// <c>FetchFailed</c>, ...), complete as of this run: the runtime sets each with Flux's transition rules and removes any
    /// other kind condition. Only type, status, reason and message are read. Null leaves the kind's conditions as they are.
    /// </summary>
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>
    /// After a failure, the next run comes after exactly this instead of the kind's retry delay: Flux requeues a missing
    /// source artifact or a dependency that is not ready after <c>--requeue-dependency</c>, however often it failed.
    /// </summary>
    public TimeSpan? RequeueAfter { get; init; }

    /// <summary>
    /// The type of the Event a new failure records: a Warning by default, Normal where Flux only informs (a dependency
    /// that is not ready yet), or null where Flux records none (a source artifact that is not there yet).
    /// </summary>
    public string? FailureEventType { get; init; } = ObjectEvent.Warning;

    public static ReconcileResult Success(
        string message, string? revision = null, string reason = ConditionReasons.Succeeded, JsonObject? status = null, string? revisionEventReason = null) =>
        new(ReconcileOutcome.Succeeded, reason, message, revision, status, revisionEventReason);

    public static ReconcileResult Failure(string reason, string message) => new(ReconcileOutcome.Failed, reason, message);

    public static ReconcileResult Stall(string reason, string message) => new(ReconcileOutcome.Stalled, reason, message);
}
