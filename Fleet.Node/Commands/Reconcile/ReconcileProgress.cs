using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api.Meta;

namespace Fleet.Node.Commands.Reconcile;

/// <summary>Where a requested reconcile stands, as flux's <c>reconciliationHandled</c> and kstatus judge it.</summary>
public enum ReconcileState
{
    /// <summary>The request is not handled yet, or the object is still reconciling its generation.</summary>
    Pending,

    /// <summary>Handled and settled; the Ready condition tells the outcome.</summary>
    Settled,

    /// <summary>Stalled: kstatus's Failed status.</summary>
    Stalled,
}

/// <summary>Pure reading of an object's status while <c>fleet reconcile</c>/<c>resume</c> waits.</summary>
public static class ReconcileProgress
{
    /// <summary>After a reconcile request: pending until <c>status.lastHandledReconcileAt</c> moves off <paramref name="handledBefore"/>, then kstatus.</summary>
    public static ReconcileState AfterRequest(JsonObject obj, string handledBefore) =>
        LastHandledReconcileAt(obj) == handledBefore ? ReconcileState.Pending : Kstatus(obj);

    /// <summary>
    /// Flux's <c>isObjectReady</c> for a resumed object: pending until it observed its generation and has a Ready condition
    /// of that generation, then kstatus. A static object (Alert, Provider) only needs kstatus.
    /// </summary>
    public static ReconcileState Ready(JsonObject obj, bool isStatic)
    {
        if (!isStatic)
        {
            var generation = Generation(obj);
            var observed = obj["status"]?["observedGeneration"] is JsonValue o && o.TryGetValue<long>(out var value) ? value : 0;
            if (observed < 1 || ObjectConditions.Find(obj, ConditionTypes.Ready) is not { } ready)
            {
                return ReconcileState.Pending;
            }
            if (ready.ObservedGeneration != 0 ? ready.ObservedGeneration != generation : observed != generation)
            {
                return ReconcileState.Pending;
            }
        }
        return Kstatus(obj);
    }

    public static string LastHandledReconcileAt(JsonObject obj) =>
        obj["status"]?["lastHandledReconcileAt"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    /// <summary>The message of a condition, for the failure line.</summary>
    public static string MessageOf(JsonObject obj, string type) => ObjectConditions.Find(obj, type)?.Message ?? "";

    /// <summary>kstatus for a Flux object: in progress while its generation is not observed or it is Reconciling; failed when Stalled.</summary>
    private static ReconcileState Kstatus(JsonObject obj)
    {
        if (obj["status"]?["observedGeneration"] is JsonValue o && o.TryGetValue<long>(out var observed) && observed != Generation(obj))
        {
            return ReconcileState.Pending;
        }
        if (ObjectConditions.Find(obj, ConditionTypes.Reconciling)?.Status == "True")
        {
            return ReconcileState.Pending;
        }
        return ObjectConditions.Find(obj, ConditionTypes.Stalled)?.Status == "True" ? ReconcileState.Stalled : ReconcileState.Settled;
    }

    private static long Generation(JsonObject obj) =>
        obj["metadata"]?["generation"] is JsonValue g && g.TryGetValue<long>(out var generation) ? generation : 0;
}
