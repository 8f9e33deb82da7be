using System.Text.Json.Nodes;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// How a reconcile ended, with the Ready condition's reason and message, the revision it reached, and the
/// status fields the kind owns (`artifact`, ...); a null <see cref="Status"/> keeps the last one written.
/// <see cref="RevisionEventReason"/> names the Kubernetes Event recorded when the revision is new (Flux's
/// <c>NewArtifact</c> for sources); none is recorded without it.
/// </summary>
public sealed record ReconcileResult(
    ReconcileOutcome Outcome, string Reason, string Message, string? Revision = null, JsonObject? Status = null, string? RevisionEventReason = null)
{
    public static ReconcileResult Success(
        string message, string? revision = null, string reason = ConditionReasons.Succeeded, JsonObject? status = null, string? revisionEventReason = null) =>
        new(ReconcileOutcome.Succeeded, reason, message, revision, status, revisionEventReason);

    public static ReconcileResult Failure(string reason, string message) => new(ReconcileOutcome.Failed, reason, message);

    public static ReconcileResult Stall(string reason, string message) => new(ReconcileOutcome.Stalled, reason, message);
}
