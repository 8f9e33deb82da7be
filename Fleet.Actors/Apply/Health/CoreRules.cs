using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;

namespace Fleet.Actors.Apply.Health;

/// <summary>kstatus's built-in rules for core kinds without a rollout: Service, PersistentVolumeClaim, Pod, CRD.</summary>
internal static class CoreRules
{
    /// <summary>How long a Pod may stay unschedulable before kstatus calls it Failed.</summary>
    public static readonly TimeSpan ScheduleWindow = TimeSpan.FromSeconds(15);

    public static ObjectHealth Service(JsonObject obj)
    {
        // Only the cluster IP is checked; a load balancer's ingress address is not waited for.
        if (ObjectFields.String(obj, "spec.type", "ClusterIP") == "LoadBalancer" && ObjectFields.String(obj, "spec.clusterIP", "") == "")
        {
            return ObjectHealth.InProgress("NoIPAssigned", "ClusterIP not set. Service type: LoadBalancer");
        }

        return ObjectHealth.Current("Service is ready");
    }

    public static ObjectHealth PersistentVolumeClaim(JsonObject obj)
    {
        var phase = ObjectFields.String(obj, "status.phase", "unknown");
        return phase == "Bound"
            ? ObjectHealth.Current("PVC is Bound")
            : ObjectHealth.InProgress("NotBound", $"PVC is not Bound. phase: {phase}");
    }

    public static ObjectHealth Pod(JsonObject obj, DateTimeOffset now)
    {
        var conditions = ObjectConditions.Of(obj);
        switch (ObjectFields.String(obj, "status.phase", ""))
        {
            case "Succeeded":
                return ObjectHealth.Current("Pod has completed successfully");
            case "Failed":
                return ObjectHealth.Current("Pod has completed, but not successfully");
            case "Running":
                if (conditions.Any(c => c is { Type: "Ready", Status: "True" }))
                {
                    return ObjectHealth.Current("Pod is Ready");
                }

                var crashLooping = CrashLoopingContainers(obj);
                return crashLooping.Count > 0
                    ? ObjectHealth.Failed("ContainerCrashLooping", $"Containers in CrashLoop state: {string.Join(",", crashLooping)}")
                    : ObjectHealth.InProgress("PodRunningNotReady", "Pod is running but is not Ready");
            case "Pending":
                var unschedulable = conditions.FirstOrDefault(c => c is { Type: "PodScheduled", Status: "False" })?.Reason == "Unschedulable";
                if (!unschedulable)
                {
                    return ObjectHealth.InProgress("PodPending", "Pod is in the Pending phase");
                }

                // A missing creation time counts as long ago, as Go's zero time does.
                return now - ScheduleWindow < Created(obj)
                    ? ObjectHealth.InProgress("PodNotScheduled", "Pod has not been scheduled")
                    : ObjectHealth.Failed("PodUnschedulable", "Pod could not be scheduled");
            case "":
                return ObjectHealth.InProgress("PodNotObserved", "Pod phase not available");
            case var phase:
                return ObjectHealth.Unknown($"unknown phase {phase}");
        }
    }

    public static ObjectHealth CustomResourceDefinition(JsonObject obj)
    {
        foreach (var condition in ObjectConditions.Of(obj))
        {
            if (condition is { Type: "NamesAccepted", Status: "False" })
            {
                return ObjectHealth.Failed(condition.Reason, condition.Message);
            }

            if (condition is { Type: "Established", Status: "False" } && condition.Reason != "Installing")
            {
                return ObjectHealth.Failed(condition.Reason, condition.Message);
            }

            if (condition is { Type: "Established", Status: "True" })
            {
                return ObjectHealth.Current("CRD is established");
            }
        }

        return ObjectHealth.InProgress("Installing", "Install in progress");
    }

    private static DateTimeOffset Created(JsonObject obj) =>
        DateTimeOffset.TryParse(ObjectFields.String(obj, "metadata.creationTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? created
            : DateTimeOffset.MinValue;

    private static List<string> CrashLoopingContainers(JsonObject obj) =>
        (ObjectFields.At(obj, "status.containerStatuses") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(s => ObjectFields.String(s, "state.waiting.reason") == "CrashLoopBackOff")
            .Select(s => ObjectFields.String(s, "name"))
            .OfType<string>()
            .ToList();
}
