using System.Text.Json.Nodes;
using Fleet.Actors.Kube;

namespace Fleet.Actors.Apply.Health;

/// <summary>
/// kstatus's built-in rules for the apps workloads, which report progress in replica counts rather than conditions.
/// Replica counts compare `spec.replicas` (default 1) with status counts (default 0); the first shortfall wins.
/// </summary>
internal static class WorkloadRules
{
    /// <summary>What the API server writes when `spec.progressDeadlineSeconds` is left out.</summary>
    public const long DefaultProgressDeadlineSeconds = 600;

    /// <summary>The deadline value the Deployment controller treats as "no deadline": it then never sets Progressing.</summary>
    private const long NoProgressDeadline = int.MaxValue;

    public static ObjectHealth Deployment(JsonObject obj)
    {
        var progressing = ObjectFields.Long(obj, "spec.progressDeadlineSeconds", DefaultProgressDeadlineSeconds) == NoProgressDeadline;
        var available = false;
        foreach (var condition in ObjectConditions.Of(obj))
        {
            if (condition.Type == "Progressing" && condition.Reason == "ProgressDeadlineExceeded")
            {
                return ObjectHealth.Failed(condition.Reason, "Progress deadline exceeded");
            }

            progressing |= condition is { Type: "Progressing", Status: "True" } && condition.Reason == "NewReplicaSetAvailable";
            available |= condition is { Type: "Available", Status: "True" };
        }

        var spec = ObjectFields.Long(obj, "spec.replicas", 1);
        var replicas = Status(obj, "replicas");
        var updated = Status(obj, "updatedReplicas");
        var ready = Status(obj, "readyReplicas");
        var availableReplicas = Status(obj, "availableReplicas");
        return spec switch
        {
            _ when spec > replicas => ObjectHealth.InProgress("LessReplicas", $"Replicas: {replicas}/{spec}"),
            _ when spec > updated => ObjectHealth.InProgress("LessUpdated", $"Updated: {updated}/{spec}"),
            _ when replicas > spec => ObjectHealth.InProgress("ExtraPods", $"Pending termination: {replicas - spec}"),
            _ when updated > availableReplicas => ObjectHealth.InProgress("LessAvailable", $"Available: {availableReplicas}/{updated}"),
            _ when spec > ready => ObjectHealth.InProgress("LessReady", $"Ready: {ready}/{spec}"),
            _ when !progressing => ObjectHealth.InProgress("ReplicaSetNotAvailable", "ReplicaSet not Available"),
            _ when !available => ObjectHealth.InProgress("DeploymentNotAvailable", "Deployment not Available"),
            _ => ObjectHealth.Current($"Deployment is available. Replicas: {replicas}"),
        };
    }

    public static ObjectHealth ReplicaSet(JsonObject obj)
    {
        if (ObjectConditions.Of(obj).Any(c => c is { Type: "ReplicaFailure", Status: "True" }))
        {
            return ObjectHealth.InProgress("ReplicaFailure", "Replica Failure condition. Check Pods");
        }

        var spec = ObjectFields.Long(obj, "spec.replicas", 1);
        var replicas = Status(obj, "replicas");
        var labelled = Status(obj, "fullyLabeledReplicas");
        var available = Status(obj, "availableReplicas");
        var ready = Status(obj, "readyReplicas");
        return spec switch
        {
            _ when spec > labelled => ObjectHealth.InProgress("LessLabelled", $"Labelled: {labelled}/{spec}"),
            _ when spec > available => ObjectHealth.InProgress("LessAvailable", $"Available: {available}/{spec}"),
            _ when spec > ready => ObjectHealth.InProgress("LessReady", $"Ready: {ready}/{spec}"),
            _ when replicas > spec => ObjectHealth.InProgress("ExtraPods", $"Pending termination: {replicas - spec}"),
            _ => ObjectHealth.Current($"ReplicaSet is available. Replicas: {replicas}"),
        };
    }

    public static ObjectHealth StatefulSet(JsonObject obj)
    {
        // With OnDelete the user replaces pods by hand, so there is no rollout to wait for.
        if (ObjectFields.String(obj, "spec.updateStrategy.type") == "OnDelete")
        {
            return ObjectHealth.Current("StatefulSet is using the ondelete update strategy");
        }

        var spec = ObjectFields.Long(obj, "spec.replicas", 1);
        var replicas = Status(obj, "replicas");
        var ready = Status(obj, "readyReplicas");
        var current = Status(obj, "currentReplicas");
        var updated = Status(obj, "updatedReplicas");
        if (spec > replicas)
        {
            return ObjectHealth.InProgress("LessReplicas", $"Replicas: {replicas}/{spec}");
        }

        if (spec > ready)
        {
            return ObjectHealth.InProgress("LessReady", $"Ready: {ready}/{spec}");
        }

        if (replicas > spec)
        {
            return ObjectHealth.InProgress("ExtraPods", $"Pending termination: {replicas - spec}");
        }

        // A partitioned rollout only updates the ordinals at or above the partition.
        var partition = ObjectFields.Long(obj, "spec.updateStrategy.rollingUpdate.partition", -1);
        if (partition != -1)
        {
            return updated < spec - partition
                ? ObjectHealth.InProgress("PartitionRollout", $"updated: {updated}/{spec - partition}")
                : ObjectHealth.Current($"Partition rollout complete. updated: {updated}");
        }

        if (spec > current)
        {
            return ObjectHealth.InProgress("LessCurrent", $"current: {current}/{spec}");
        }

        if (ObjectFields.String(obj, "status.currentRevision", "") != ObjectFields.String(obj, "status.updateRevision", ""))
        {
            return ObjectHealth.InProgress("RevisionMismatch", "Waiting for updated revision to match current");
        }

        return ObjectHealth.Current($"All replicas scheduled as expected. Replicas: {replicas}");
    }

    public static ObjectHealth DaemonSet(JsonObject obj)
    {
        // The generic check skips a missing observedGeneration; a DaemonSet the controller has seen always has one.
        var kind = ObjectFields.String(obj, "kind", "");
        if (ObjectFields.Long(obj, "metadata.generation") is null)
        {
            return ObjectHealth.InProgress("NoGeneration", $"{kind} metadata.generation not found");
        }

        if (ObjectFields.Long(obj, "status.observedGeneration") is null)
        {
            return ObjectHealth.InProgress("NoObservedGeneration", $"{kind} status.observedGeneration not found");
        }

        var desired = ObjectFields.Long(obj, "status.desiredNumberScheduled", -1);
        if (desired == -1)
        {
            return ObjectHealth.InProgress("NoDesiredNumber", "Missing .status.desiredNumberScheduled");
        }

        var current = Status(obj, "currentNumberScheduled");
        var updated = Status(obj, "updatedNumberScheduled");
        var available = Status(obj, "numberAvailable");
        var ready = Status(obj, "numberReady");
        return desired switch
        {
            _ when desired > current => ObjectHealth.InProgress("LessCurrent", $"Current: {current}/{desired}"),
            _ when desired > updated => ObjectHealth.InProgress("LessUpdated", $"Updated: {updated}/{desired}"),
            _ when desired > available => ObjectHealth.InProgress("LessAvailable", $"Available: {available}/{desired}"),
            _ when desired > ready => ObjectHealth.InProgress("LessReady", $"Ready: {ready}/{desired}"),
            _ => ObjectHealth.Current($"All replicas scheduled as expected. Replicas: {desired}"),
        };
    }

    private static long Status(JsonObject obj, string field) => ObjectFields.Long(obj, "status." + field, 0);
}
