using System.Text.Json.Nodes;
using Fleet.Actors.Kube;

namespace Fleet.Actors.Apply.Health;

/// <summary>
/// kstatus's <c>Compute</c>: what state a Kubernetes object is in, from the object alone. Generic properties first
/// (deletion, observed generation, Reconciling/Stalled), then a built-in rule for well-known kinds, then the Ready
/// condition, else Current. Jobs use Flux's reader, which waits for completion and skips the generic checks.
/// </summary>
public static class KStatus
{
    public static ObjectHealth Compute(JsonObject obj, DateTimeOffset now)
    {
        var apiVersion = ObjectFields.String(obj, "apiVersion", "");
        var slash = apiVersion.LastIndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        var kind = ObjectFields.String(obj, "kind", "");
        if (group == "batch" && kind == "Job")
        {
            return JobRule.Compute(obj);
        }

        return Generic(obj, kind)
            ?? BuiltIn(group, kind, obj, now)
            ?? ReadyCondition(obj)
            ?? ObjectHealth.Current("Resource is current");
    }

    private static ObjectHealth? Generic(JsonObject obj, string kind)
    {
        if (ObjectFields.String(obj, "metadata.deletionTimestamp") is { Length: > 0 })
        {
            return new ObjectHealth(HealthStatus.Terminating, "", "Resource scheduled for deletion");
        }

        // Only when both are present: a controller that never writes observedGeneration is not held up.
        if (ObjectFields.Long(obj, "metadata.generation") is { } generation
            && ObjectFields.Long(obj, "status.observedGeneration") is { } observed
            && generation != observed)
        {
            return ObjectHealth.InProgress(
                "LatestGenerationNotObserved",
                $"{kind} generation is {generation}, but latest observed generation is {observed}");
        }

        foreach (var condition in ObjectConditions.Of(obj))
        {
            if (condition is { Type: "Reconciling", Status: "True" })
            {
                return ObjectHealth.InProgress(condition.Reason, condition.Message);
            }

            if (condition is { Type: "Stalled", Status: "True" })
            {
                return ObjectHealth.Failed(condition.Reason, condition.Message);
            }
        }

        return null;
    }

    private static ObjectHealth? BuiltIn(string group, string kind, JsonObject obj, DateTimeOffset now) => (group, kind) switch
    {
        ("", "Secret") or ("", "ConfigMap") or ("batch", "CronJob") => ObjectHealth.Current("Resource is always ready"),
        ("policy", "PodDisruptionBudget") => ObjectHealth.Current("AllowedDisruptions has been computed."),
        ("", "Service") => CoreRules.Service(obj),
        ("", "PersistentVolumeClaim") => CoreRules.PersistentVolumeClaim(obj),
        ("", "Pod") => CoreRules.Pod(obj, now),
        ("apps" or "extensions", "Deployment") => WorkloadRules.Deployment(obj),
        ("apps" or "extensions", "ReplicaSet") => WorkloadRules.ReplicaSet(obj),
        ("apps" or "extensions", "DaemonSet") => WorkloadRules.DaemonSet(obj),
        ("apps" or "extensions", "StatefulSet") => WorkloadRules.StatefulSet(obj),
        ("apiextensions.k8s.io", "CustomResourceDefinition") => CoreRules.CustomResourceDefinition(obj),
        _ => null,
    };

    private static ObjectHealth? ReadyCondition(JsonObject obj)
    {
        foreach (var condition in ObjectConditions.Of(obj).Where(c => c.Type == "Ready"))
        {
            switch (condition.Status)
            {
                case "True":
                    return ObjectHealth.Current("Resource is Ready");
                case "False" or "Unknown":
                    return ObjectHealth.InProgress(condition.Reason, condition.Message);
            }
        }

        return null;
    }
}
