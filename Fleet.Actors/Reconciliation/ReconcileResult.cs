using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Reconciliation;

/// <summary>How a reconcile ended, with the Ready condition's reason and message, and the revision it reached.</summary>
public sealed record ReconcileResult(ReconcileOutcome Outcome, string Reason, string Message, string? Revision = null)
{
    public static ReconcileResult Success(string message, string? revision = null, string reason = ConditionReasons.Succeeded) =>
        new(ReconcileOutcome.Succeeded, reason, message, revision);

    public static ReconcileResult Failure(string reason, string message) => new(ReconcileOutcome.Failed, reason, message);

    public static ReconcileResult Stall(string reason, string message) => new(ReconcileOutcome.Stalled, reason, message);
}
