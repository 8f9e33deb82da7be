using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>
/// The defaults the API server fills in on every write (dry-run included), for the built-in kinds the sandbox
/// serves. Only absent fields are filled; what the client set is kept.
/// </summary>
public static class Defaulting
{
    /// <summary>Fills in defaults in place. Service cluster IPs are the store's job: see the overload.</summary>
    public static void Apply(string group, string kind, JsonObject obj) => Apply(group, kind, obj, null);

    /// <summary>
    /// Fills in defaults in place; <paramref name="allocateClusterIp"/> is asked for a Service's <c>clusterIP</c>
    /// when it has none and is not of type ExternalName.
    /// </summary>
    public static void Apply(string group, string kind, JsonObject obj, Func<string>? allocateClusterIp)
    {
        switch (group, kind)
        {
            case ("apps", "Deployment"):
                Deployment(obj);
                break;
            case ("apps", "StatefulSet"):
                StatefulSet(obj);
                break;
            case ("apps", "DaemonSet"):
                DaemonSet(obj);
                break;
            case ("apps", "ReplicaSet"):
                Default(Spec(obj), "replicas", 1);
                PodTemplate(Spec(obj));
                break;
            case ("batch", "Job"):
                Job(obj);
                break;
            case ("batch", "CronJob"):
                CronJob(obj);
                break;
            case ("", "Pod"):
                Pod(obj);
                break;
            case ("", "PodTemplate"):
                PodTemplate(obj);
                break;
            case ("", "Service"):
                Service(obj, allocateClusterIp);
                break;
            case ("", "Secret"):
                Default(obj, "type", "Opaque");
                break;
            case ("", "Namespace"):
                Namespace(obj);
                break;
            case ("", "PersistentVolumeClaim"):
                Default(Spec(obj), "volumeMode", "Filesystem");
                Default(Child(obj, "status"), "phase", "Pending");
                break;
            case ("rbac.authorization.k8s.io", "RoleBinding" or "ClusterRoleBinding"):
                Subjects(obj);
                break;
            case ("networking.k8s.io", "NetworkPolicy"):
                NetworkPolicy(obj);
                break;
            case ("autoscaling", "HorizontalPodAutoscaler"):
                Default(Spec(obj), "minReplicas", 1);
                break;
        }
    }

    /// <summary>
    /// What the API server adds to a Job on create unless <c>spec.manualSelector</c> is true: a selector on the
    /// Job's uid, and the matching labels on the pod template.
    /// </summary>
    public static void GenerateJobSelector(JsonObject job, string uid)
    {
        var spec = Spec(job);
        if (spec["manualSelector"] is JsonValue manual && manual.TryGetValue<bool>(out var isManual) && isManual)
        {
            return;
        }

        var name = Text(job["metadata"]?["name"]) ?? string.Empty;
        var labels = Child(Child(Child(spec, "template"), "metadata"), "labels");
        labels["batch.kubernetes.io/controller-uid"] = uid;
        labels["batch.kubernetes.io/job-name"] = name;
        labels["controller-uid"] = uid;
        labels["job-name"] = name;
        spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
    }

    private static void Deployment(JsonObject obj)
    {
        var spec = Spec(obj);
        Default(spec, "replicas", 1);
        var strategy = Child(spec, "strategy");
        Default(strategy, "type", "RollingUpdate");
        if (Text(strategy["type"]) == "RollingUpdate")
        {
            var rolling = Child(strategy, "rollingUpdate");
            Default(rolling, "maxUnavailable", "25%");
            Default(rolling, "maxSurge", "25%");
        }

        Default(spec, "revisionHistoryLimit", 10);
        Default(spec, "progressDeadlineSeconds", 600);
        PodTemplate(spec);
    }

    private static void StatefulSet(JsonObject obj)
    {
        var spec = Spec(obj);
        Default(spec, "replicas", 1);
        Default(spec, "podManagementPolicy", "OrderedReady");
        var strategy = Child(spec, "updateStrategy");
        Default(strategy, "type", "RollingUpdate");
        if (Text(strategy["type"]) == "RollingUpdate")
        {
            Default(Child(strategy, "rollingUpdate"), "partition", 0);
        }

        Default(spec, "revisionHistoryLimit", 10);
        var retention = Child(spec, "persistentVolumeClaimRetentionPolicy");
        Default(retention, "whenDeleted", "Retain");
        Default(retention, "whenScaled", "Retain");
        foreach (var claim in Items(spec, "volumeClaimTemplates"))
        {
            Default(Spec(claim), "volumeMode", "Filesystem");
            Default(Child(claim, "status"), "phase", "Pending");
        }

        PodTemplate(spec);
    }

    private static void DaemonSet(JsonObject obj)
    {
        var spec = Spec(obj);
        var strategy = Child(spec, "updateStrategy");
        Default(strategy, "type", "RollingUpdate");
        if (Text(strategy["type"]) == "RollingUpdate")
        {
            var rolling = Child(strategy, "rollingUpdate");
            Default(rolling, "maxUnavailable", 1);
            Default(rolling, "maxSurge", 0);
        }

        Default(spec, "revisionHistoryLimit", 10);
        PodTemplate(spec);
    }

    private static void Job(JsonObject obj)
    {
        var spec = Spec(obj);
        if (spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = 1L;
        }

        Default(spec, "parallelism", 1);
        Default(spec, "backoffLimit", spec["backoffLimitPerIndex"] is null ? 6L : int.MaxValue);
        Default(spec, "completionMode", "NonIndexed");
        Default(spec, "suspend", false);
        Default(spec, "podReplacementPolicy", spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed");
        if (spec["template"]?["metadata"]?["labels"] is JsonObject { Count: > 0 } templateLabels
            && obj["metadata"] is JsonObject metadata && metadata["labels"] is not JsonObject { Count: > 0 })
        {
            metadata["labels"] = templateLabels.DeepClone();
        }

        PodTemplate(spec);
    }

    private static void CronJob(JsonObject obj)
    {
        var spec = Spec(obj);
        Default(spec, "concurrencyPolicy", "Allow");
        Default(spec, "suspend", false);
        Default(spec, "successfulJobsHistoryLimit", 3);
        Default(spec, "failedJobsHistoryLimit", 1);
        if (spec["jobTemplate"]?["spec"] is JsonObject jobSpec)
        {
            PodTemplate(jobSpec);
        }
    }

    private static void Pod(JsonObject obj)
    {
        var spec = Spec(obj);
        PodSpec(spec);
        Default(spec, "enableServiceLinks", true);
        foreach (var container in Items(spec, "containers").Concat(Items(spec, "initContainers")))
        {
            if (container["resources"] is JsonObject resources && resources["limits"] is JsonObject limits)
            {
                var requests = Child(resources, "requests");
                foreach (var (name, quantity) in limits)
                {
                    Default(requests, name, quantity?.DeepClone());
                }
            }
        }
    }

    private static void PodTemplate(JsonObject owner)
    {
        if (owner["template"] is JsonObject template)
        {
            PodSpec(Spec(template));
        }
    }

    private static void PodSpec(JsonObject spec)
    {
        Default(spec, "restartPolicy", "Always");
        Default(spec, "terminationGracePeriodSeconds", 30);
        Default(spec, "dnsPolicy", "ClusterFirst");
        Default(spec, "securityContext", new JsonObject());
        Default(spec, "schedulerName", "default-scheduler");
        foreach (var container in Items(spec, "containers").Concat(Items(spec, "initContainers")).Concat(Items(spec, "ephemeralContainers")))
        {
            Container(container);
        }

        foreach (var volume in Items(spec, "volumes"))
        {
            foreach (var source in new[] { "secret", "configMap", "downwardAPI", "projected" })
            {
                if (volume[source] is JsonObject sourceObject)
                {
                    Default(sourceObject, "defaultMode", 420);
                }
            }
        }
    }

    private static void Container(JsonObject container)
    {
        Default(container, "terminationMessagePath", "/dev/termination-log");
        Default(container, "terminationMessagePolicy", "File");
        Default(container, "imagePullPolicy", PullPolicy(Text(container["image"]) ?? string.Empty));
        Default(container, "resources", new JsonObject());
        foreach (var port in Items(container, "ports"))
        {
            Default(port, "protocol", "TCP");
        }

        foreach (var env in Items(container, "env"))
        {
            if (env["valueFrom"]?["fieldRef"] is JsonObject fieldRef)
            {
                Default(fieldRef, "apiVersion", "v1");
            }
        }

        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probe] is JsonObject probeObject)
            {
                Default(probeObject, "timeoutSeconds", 1);
                Default(probeObject, "periodSeconds", 10);
                Default(probeObject, "successThreshold", 1);
                Default(probeObject, "failureThreshold", 3);
                if (probeObject["httpGet"] is JsonObject httpGet)
                {
                    Default(httpGet, "scheme", "HTTP");
                }
            }
        }
    }

    /// <summary><c>Always</c> for <c>:latest</c> or an untagged image, otherwise <c>IfNotPresent</c>.</summary>
    internal static string PullPolicy(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon < 0 || image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    private static void Service(JsonObject obj, Func<string>? allocateClusterIp)
    {
        var spec = Spec(obj);
        Default(spec, "type", "ClusterIP");
        Default(spec, "sessionAffinity", "None");
        var type = Text(spec["type"]);
        if (Text(spec["sessionAffinity"]) == "ClientIP")
        {
            Default(Child(Child(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds", 10800);
        }

        foreach (var port in Items(spec, "ports"))
        {
            Default(port, "protocol", "TCP");
            if (port["targetPort"]?.ToString() is null or "0" or "")
            {
                port["targetPort"] = port["port"]?.DeepClone();
            }
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            Default(spec, "externalTrafficPolicy", "Cluster");
        }

        if (type == "LoadBalancer")
        {
            Default(spec, "allocateLoadBalancerNodePorts", true);
        }

        if (type == "ExternalName")
        {
            return;
        }

        Default(spec, "internalTrafficPolicy", "Cluster");
        if (allocateClusterIp is not null && string.IsNullOrEmpty(Text(spec["clusterIP"])))
        {
            spec["clusterIP"] = allocateClusterIp();
        }

        if (Text(spec["clusterIP"]) is { Length: > 0 } clusterIp)
        {
            Default(spec, "clusterIPs", new JsonArray(clusterIp));
            if (clusterIp != "None")
            {
                Default(spec, "ipFamilies", new JsonArray("IPv4"));
                Default(spec, "ipFamilyPolicy", "SingleStack");
            }
        }
    }

    private static void Namespace(JsonObject obj)
    {
        if (Text(obj["metadata"]?["name"]) is { } name)
        {
            Child(Child(obj, "metadata"), "labels")["kubernetes.io/metadata.name"] = name;
        }

        var finalizers = Spec(obj);
        Default(finalizers, "finalizers", new JsonArray("kubernetes"));
        Default(Child(obj, "status"), "phase", "Active");
    }

    private static void Subjects(JsonObject obj)
    {
        foreach (var subject in Items(obj, "subjects"))
        {
            if (string.IsNullOrEmpty(Text(subject["apiGroup"])))
            {
                subject["apiGroup"] = Text(subject["kind"]) is "User" or "Group" ? "rbac.authorization.k8s.io" : string.Empty;
            }
        }
    }

    private static void NetworkPolicy(JsonObject obj)
    {
        var spec = Spec(obj);
        foreach (var rule in Items(spec, "ingress").Concat(Items(spec, "egress")))
        {
            foreach (var port in Items(rule, "ports"))
            {
                Default(port, "protocol", "TCP");
            }
        }

        if (spec["policyTypes"] is not JsonArray { Count: > 0 })
        {
            var types = new JsonArray("Ingress");
            if (spec["egress"] is JsonArray { Count: > 0 })
            {
                types.Add("Egress");
            }

            spec["policyTypes"] = types;
        }
    }

    private static JsonObject Spec(JsonObject obj) => Child(obj, "spec");

    private static JsonObject Child(JsonObject obj, string name)
    {
        if (obj[name] is JsonObject child)
        {
            return child;
        }

        child = new JsonObject();
        obj[name] = child;
        return child;
    }

    private static IEnumerable<JsonObject> Items(JsonObject obj, string name) =>
        obj[name] is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary>Numbers are stored as <c>long</c>, like every integer the sandbox handles.</summary>
    private static void Default(JsonObject obj, string name, long value) => Default(obj, name, JsonValue.Create(value));

    private static void Default(JsonObject obj, string name, JsonNode? value)
    {
        if (obj[name] is null)
        {
            obj[name] = value;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
