using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Catalog;

namespace Fleet.Node.Sandbox.Semantics;

/// <summary>The API server's defaulting for the built-in kinds that Fleet, kubectl and helm read back (the same on
/// dry runs and real writes). Only fields that are absent are filled in.</summary>
public static class ObjectDefaults
{
    public static void Apply(ResourceType type, JsonObject obj, Func<string> allocateClusterIp)
    {
        if (type.IsCustom)
        {
            return;
        }

        JsonObject spec;
        switch ((type.Group, type.Kind))
        {
            case ("", "Namespace"):
                Labels(obj)["kubernetes.io/metadata.name"] = obj["metadata"]?["name"]?.DeepClone();
                Set(Child(obj, "spec"), "finalizers", () => new JsonArray("kubernetes"));
                Set(Child(obj, "status"), "phase", () => "Active");
                break;
            case ("", "Secret"):
                Set(obj, "type", () => "Opaque");
                break;
            case ("", "Service"):
                DefaultService(Child(obj, "spec"), allocateClusterIp);
                break;
            case ("", "Pod"):
                PodSpec(Child(obj, "spec"), "Always");
                break;
            case ("", "PersistentVolumeClaim"):
                Set(Child(obj, "spec"), "volumeMode", () => "Filesystem");
                break;
            case ("apps", "Deployment"):
                spec = Child(obj, "spec");
                Set(spec, "replicas", () => 1);
                Set(spec, "strategy", () => new JsonObject { ["type"] = "RollingUpdate" });
                if (spec["strategy"] is JsonObject { } strategy && strategy["type"]?.GetValue<string>() == "RollingUpdate")
                {
                    Set(strategy, "rollingUpdate", () => new JsonObject());
                    Set(Child(strategy, "rollingUpdate"), "maxUnavailable", () => "25%");
                    Set(Child(strategy, "rollingUpdate"), "maxSurge", () => "25%");
                }

                Set(spec, "revisionHistoryLimit", () => 10);
                Set(spec, "progressDeadlineSeconds", () => 600);
                Template(spec, "Always");
                break;
            case ("apps", "ReplicaSet"):
                spec = Child(obj, "spec");
                Set(spec, "replicas", () => 1);
                Template(spec, "Always");
                break;
            case ("apps", "StatefulSet"):
                spec = Child(obj, "spec");
                Set(spec, "replicas", () => 1);
                Set(spec, "podManagementPolicy", () => "OrderedReady");
                Set(spec, "updateStrategy", () => new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } });
                Set(spec, "revisionHistoryLimit", () => 10);
                Set(spec, "persistentVolumeClaimRetentionPolicy", () => new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" });
                Template(spec, "Always");
                break;
            case ("apps", "DaemonSet"):
                spec = Child(obj, "spec");
                Set(spec, "updateStrategy", () => new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 } });
                Set(spec, "revisionHistoryLimit", () => 10);
                Template(spec, "Always");
                break;
            case ("batch", "Job"):
                DefaultJob(obj, Child(obj, "spec"));
                break;
            case ("batch", "CronJob"):
                spec = Child(obj, "spec");
                Set(spec, "concurrencyPolicy", () => "Allow");
                Set(spec, "suspend", () => false);
                Set(spec, "successfulJobsHistoryLimit", () => 3);
                Set(spec, "failedJobsHistoryLimit", () => 1);
                if (Child(spec, "jobTemplate")["spec"] is JsonObject jobSpec)
                {
                    Template(jobSpec, null);
                }

                break;
            case ("rbac.authorization.k8s.io", "ClusterRole") or ("rbac.authorization.k8s.io", "Role"):
                Set(obj, "rules", () => new JsonArray());
                break;
        }

    }

    private static void DefaultService(JsonObject spec, Func<string> allocateClusterIp)
    {
        Set(spec, "type", () => "ClusterIP");
        var serviceType = spec["type"]?.GetValue<string>();
        Set(spec, "sessionAffinity", () => "None");
        if (serviceType != "ExternalName")
        {
            if (spec["clusterIP"] is null || spec["clusterIP"]!.GetValue<string>().Length == 0)
            {
                spec["clusterIP"] = allocateClusterIp();
            }

            Set(spec, "clusterIPs", () => new JsonArray(spec["clusterIP"]!.DeepClone()));
            Set(spec, "ipFamilies", () => new JsonArray("IPv4"));
            Set(spec, "ipFamilyPolicy", () => "SingleStack");
            Set(spec, "internalTrafficPolicy", () => "Cluster");
        }

        if (serviceType is "NodePort" or "LoadBalancer")
        {
            Set(spec, "externalTrafficPolicy", () => "Cluster");
        }

        if (spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                Set(port, "protocol", () => "TCP");
                Set(port, "targetPort", () => port["port"]?.DeepClone());
            }
        }
    }

    private static void DefaultJob(JsonObject job, JsonObject spec)
    {
        Set(spec, "parallelism", () => 1);
        Set(spec, "completions", () => 1);
        Set(spec, "backoffLimit", () => 6);
        Set(spec, "completionMode", () => "NonIndexed");
        Set(spec, "suspend", () => false);
        Set(spec, "podReplacementPolicy", () => "TerminatingOrFailed");
        if (spec["manualSelector"]?.GetValue<bool>() != true && job["metadata"]?["uid"]?.GetValue<string>() is { } uid)
        {
            var name = job["metadata"]?["name"]?.GetValue<string>() ?? "";
            Set(spec, "selector", () => new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } });
            var labels = Labels(Child(spec, "template"));
            labels["batch.kubernetes.io/controller-uid"] = uid;
            labels["batch.kubernetes.io/job-name"] = name;
            labels["controller-uid"] = uid;
            labels["job-name"] = name;
        }

        Template(spec, null);
    }

    private static void Template(JsonObject spec, string? restartPolicy)
    {
        if (spec["template"] is JsonObject template)
        {
            PodSpec(Child(template, "spec"), restartPolicy);
        }
    }

    private static void PodSpec(JsonObject pod, string? restartPolicy)
    {
        if (restartPolicy is not null)
        {
            Set(pod, "restartPolicy", () => restartPolicy);
        }

        Set(pod, "dnsPolicy", () => "ClusterFirst");
        Set(pod, "schedulerName", () => "default-scheduler");
        Set(pod, "terminationGracePeriodSeconds", () => 30);
        Set(pod, "securityContext", () => new JsonObject());
        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (pod[list] is not JsonArray containers)
            {
                continue;
            }

            foreach (var container in containers.OfType<JsonObject>())
            {
                var image = container["image"]?.GetValue<string>() ?? "";
                Set(container, "imagePullPolicy", () => PullPolicy(image));
                Set(container, "terminationMessagePath", () => "/dev/termination-log");
                Set(container, "terminationMessagePolicy", () => "File");
                Set(container, "resources", () => new JsonObject());
                if (container["ports"] is JsonArray ports)
                {
                    foreach (var port in ports.OfType<JsonObject>())
                    {
                        Set(port, "protocol", () => "TCP");
                    }
                }
            }
        }
    }

    /// <summary>Always for <c>:latest</c> or untagged images (digests excepted), else IfNotPresent.</summary>
    private static string PullPolicy(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon < 0 || image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    private static JsonObject Labels(JsonObject obj) => Child(Child(obj, "metadata"), "labels");

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child)
        {
            return child;
        }

        child = new JsonObject();
        parent[name] = child;
        return child;
    }

    private static void Set(JsonObject obj, string name, Func<JsonNode?> value)
    {
        if (obj[name] is null)
        {
            obj[name] = value();
        }
    }
}
