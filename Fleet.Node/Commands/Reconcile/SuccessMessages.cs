using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;

namespace Fleet.Node.Commands.Reconcile;

/// <summary>The last line flux prints after a kind reconciled (<c>applied revision …</c>, <c>fetched revision …</c>).</summary>
public static class SuccessMessages
{
    public static string Of(FluxKind kind, JsonObject obj)
    {
        var status = obj["status"];
        if (kind == FluxKinds.Kustomization)
        {
            return $"applied revision {Text(status?["lastAppliedRevision"])}";
        }
        if (kind == FluxKinds.HelmRelease)
        {
            var revision = status?["history"] is JsonArray { Count: > 0 } history ? Text(history[0]?["chartVersion"]) : Text(status?["lastAttemptedRevision"]);
            return $"applied revision {revision}";
        }
        if (kind == FluxKinds.HelmRepository && Text(obj["spec"]?["type"]) == "oci")
        {
            return ObjectConditions.Find(obj, ConditionTypes.Ready)?.Message ?? "";
        }
        if (kind == FluxKinds.ImageRepository)
        {
            return $"scan fetched {(status?["lastScanResult"]?["tagCount"] is JsonValue count ? count.ToJsonString() : "0")} tags";
        }
        if (kind == FluxKinds.ImagePolicy)
        {
            var latest = status?["latestRef"];
            var reference = $"{Text(latest?["name"])}:{Text(latest?["tag"])}";
            return $"selected ref {(Text(latest?["digest"]) is { Length: > 0 } digest ? $"{reference}@{digest}" : reference)}";
        }
        if (kind == FluxKinds.ImageUpdateAutomation)
        {
            return ObjectConditions.Find(obj, ConditionTypes.Ready)?.Message
                ?? (Text(status?["lastAutomationRunTime"]) is { Length: > 0 } run ? $"last run {run}" : "automation not yet run");
        }
        if (kind == FluxKinds.Alert || kind == FluxKinds.Provider || kind == FluxKinds.Receiver)
        {
            return $"{kind.Kind} reconciliation completed";
        }
        return $"fetched revision {Text(status?["artifact"]?["revision"])}";
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
