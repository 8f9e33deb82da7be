using System.Text.Json.Nodes;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Toolkit;

/// <summary>Status helpers for a kind's own status fields (<typeparamref name="TStatus"/>: KustomizationStatus, HelmReleaseStatus, ...).</summary>
public static class KindStatus<TStatus>
    where TStatus : class, new()
{
    /// <summary>
    /// The kind's status as last reported: the entity's memory, else what the live object carries (an object Flux
    /// reconciled before), reduced by <paramref name="carried"/> to the fields a run carries over.
    /// </summary>
    public static TStatus Previous(ReconcileRequest request, Func<TStatus, TStatus> carried)
    {
        if (request.Previous.KindStatusJson is { } json && FleetJson.Deserialize<TStatus>(json) is { } remembered)
        {
            return remembered;
        }
        return request.Object["status"] is JsonObject live && FleetJson.Deserialize<TStatus>(live) is { } status ? carried(status) : new TStatus();
    }

    public static JsonObject Json(TStatus status) => FleetJson.SerializeToNode(status)!.AsObject();

    public static ReconcileResult Failed(string reason, string message, TStatus status, IReadOnlyDictionary<ObjectKey, string?>? upstreams) =>
        new ReconcileResult(ReconcileOutcome.Failed, reason, message, Status: Json(status)) { Upstreams = upstreams };

    /// <summary>A result a shared step ended the run with (<see cref="SourceLookup"/>, <see cref="DependencyGate"/>), with the kind's status.</summary>
    public static ReconcileResult Stopped(ReconcileResult stop, TStatus status, IReadOnlyDictionary<ObjectKey, string?>? upstreams) =>
        stop with { Status = Json(status), Upstreams = upstreams };

    public static ReconcileResult Succeeded(string reason, string message, string revision, TStatus status, IReadOnlyDictionary<ObjectKey, string?>? upstreams) =>
        ReconcileResult.Success(message, revision, reason, Json(status)) with { Upstreams = upstreams };
}
