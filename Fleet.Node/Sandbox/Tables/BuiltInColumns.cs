using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using static Fleet.Node.Sandbox.Tables.CellText;

namespace Fleet.Node.Sandbox.Tables;

/// <summary>The columns the real server prints for built-in kinds (Kubernetes' <c>pkg/printers/internalversion</c>);
/// priority-1 columns appear with <c>-o wide</c> only.</summary>
public static class BuiltInColumns
{
    public static readonly TableColumn Name = new("Name", "string", "Name must be unique within a namespace.", (o, _) => Text(o, "metadata.name"));

    public static readonly TableColumn Age = new("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created.", (o, now) => Since(o, "metadata.creationTimestamp", now));

    public static IReadOnlyList<TableColumn> For(string group, string kind) => (group, kind) switch
    {
        ("apps", "Deployment") =>
        [
            Name,
            new("Ready", "string", "Number of the pod with ready state", (o, _) => $"{Number(o, "status.readyReplicas")}/{Number(o, "spec.replicas")}"),
            new("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", (o, _) => Number(o, "status.updatedReplicas")),
            new("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", (o, _) => Number(o, "status.availableReplicas")),
            Age,
            .. Workload("spec.template.spec", selector: true),
        ],
        ("apps", "ReplicaSet") or ("", "ReplicationController") =>
        [
            Name,
            new("Desired", "integer", "Number of desired pods.", (o, _) => Number(o, "spec.replicas")),
            new("Current", "integer", "Number of actual pods.", (o, _) => Number(o, "status.replicas")),
            new("Ready", "integer", "Number of ready pods.", (o, _) => Number(o, "status.readyReplicas")),
            Age,
            .. Workload("spec.template.spec", selector: true),
        ],
        ("apps", "StatefulSet") =>
        [
            Name,
            new("Ready", "string", "Number of the pod with ready state", (o, _) => $"{Number(o, "status.readyReplicas")}/{Number(o, "spec.replicas")}"),
            Age,
            .. Workload("spec.template.spec", selector: false),
        ],
        ("apps", "DaemonSet") =>
        [
            Name,
            new("Desired", "integer", "The total number of nodes that should be running the daemon pod.", (o, _) => Number(o, "status.desiredNumberScheduled")),
            new("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.", (o, _) => Number(o, "status.currentNumberScheduled")),
            new("Ready", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.", (o, _) => Number(o, "status.numberReady")),
            new("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod", (o, _) => Number(o, "status.updatedNumberScheduled")),
            new("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)", (o, _) => Number(o, "status.numberAvailable")),
            new("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node.", (o, _) => Labels(o["spec"]?["template"]?["spec"]?["nodeSelector"])),
            Age,
            .. Workload("spec.template.spec", selector: true),
        ],
        ("batch", "Job") =>
        [
            Name,
            new("Status", "string", "Status of the job.", (o, _) => JobStatus(o)),
            new("Completions", "string", "The number of pods which reached phase Succeeded.", (o, _) => JobCompletions(o)),
            new("Duration", "string", "Time required to complete the job.", (o, now) => JobDuration(o, now)),
            Age,
            .. Workload("spec.template.spec", selector: true),
        ],
        ("batch", "CronJob") =>
        [
            Name,
            new("Schedule", "string", "The schedule in Cron format.", (o, _) => Text(o, "spec.schedule")),
            new("Timezone", "string", "The time zone name for the given schedule.", (o, _) => TextOrNone(o, "spec.timeZone")),
            new("Suspend", "boolean", "This flag tells the controller to suspend subsequent executions.", (o, _) => o["spec"]?["suspend"]?.GetValue<bool>() switch { true => "True", false => "False", null => "<unset>" }),
            new("Active", "integer", "A list of pointers to currently running jobs.", (o, _) => (long)Items(o, "status.active").Count()),
            new("Last Schedule", "string", "Information when was the last time the job was successfully scheduled.", (o, now) => Time(o, "status.lastScheduleTime") is { } at ? HumanDuration(now - at) : None),
            Age,
            .. Workload("spec.jobTemplate.spec.template.spec", selector: true, selectorPath: "spec.jobTemplate.spec.selector"),
        ],
        ("", "Pod") =>
        [
            Name,
            new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.", (o, _) => PodTable.Ready(o)),
            new("Status", "string", "The aggregate status of the containers in this pod.", (o, _) => PodTable.Status(o)),
            new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.", (o, now) => PodTable.Restarts(o, now)),
            Age,
            new("IP", "string", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", (o, _) => TextOrNone(o, "status.podIP"), 1),
            new("Node", "string", "NodeName is a request to schedule this pod onto a specific node.", (o, _) => TextOrNone(o, "spec.nodeName"), 1),
            new("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods on the node.", (o, _) => TextOrNone(o, "status.nominatedNodeName"), 1),
            new("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness.", (o, _) => PodTable.ReadinessGates(o), 1),
        ],
        ("", "Service") =>
        [
            Name,
            new("Type", "string", "The type of the service.", (o, _) => Text(o, "spec.type")),
            new("Cluster-IP", "string", "The IP address of the service.", (o, _) => TextOrNone(o, "spec.clusterIP")),
            new("External-IP", "string", "The external IP address of the service.", (o, _) => ServiceTable.ExternalIp(o)),
            new("Port(s)", "string", "The port(s) of the service.", (o, _) => ServiceTable.Ports(o)),
            Age,
            new("Selector", "string", "Route service traffic to pods with label keys and values matching this selector.", (o, _) => Labels(o["spec"]?["selector"]), 1),
        ],
        ("networking.k8s.io", "Ingress") =>
        [
            Name,
            new("Class", "string", "The name of the IngressClass resource that should be used for ingress.", (o, _) => TextOrNone(o, "spec.ingressClassName")),
            new("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule", (o, _) => Items(o, "spec.rules").Select(r => KubectlJsonPath.Text(r["host"])).Where(h => h.Length > 0).ToList() is { Count: > 0 } hosts ? string.Join(",", hosts) : "*"),
            new("Address", "string", "Address is a list containing ingress points for the load-balancer", (o, _) => string.Join(",", Items(o, "status.loadBalancer.ingress").Select(i => KubectlJsonPath.Text(i["ip"]) is { Length: > 0 } ip ? ip : KubectlJsonPath.Text(i["hostname"])))),
            new("Ports", "string", "Ports of TLS configurations that open", (o, _) => Items(o, "spec.tls").Any() ? "80, 443" : "80"),
            Age,
        ],
        ("autoscaling", "HorizontalPodAutoscaler") =>
        [
            Name,
            new("Reference", "string", "Reference to target resource", (o, _) => $"{Text(o, "spec.scaleTargetRef.kind")}/{Text(o, "spec.scaleTargetRef.name")}"),
            new("Targets", "string", "Current and target metric values", (o, _) => HorizontalPodAutoscalerTable.Targets(o)),
            new("MinPods", "string", "Minimum number of replicas", (o, _) => JsonPath(o, "spec.minReplicas") is { } min ? min.ToString(CultureInfo.InvariantCulture) : "<unset>"),
            new("MaxPods", "integer", "Maximum number of replicas", (o, _) => Number(o, "spec.maxReplicas")),
            new("Replicas", "integer", "Current number of replicas", (o, _) => Number(o, "status.currentReplicas")),
            Age,
        ],
        ("", "Event") =>
        [
            new("Last Seen", "string", "Time when last event of this kind was observed.", (o, now) => EventTable.LastSeen(o, now)),
            new("Type", "string", "Type of this event.", (o, _) => Text(o, "type")),
            new("Reason", "string", "Reason why this event was generated.", (o, _) => Text(o, "reason")),
            new("Object", "string", "The object that this event is about.", (o, _) => EventTable.Target(o)),
            new("Subobject", "string", "The subobject that this event is about.", (o, _) => Text(o, "involvedObject.fieldPath"), 1),
            new("Source", "string", "The source of this event.", (o, _) => EventTable.Source(o), 1),
            new("Message", "string", "A human-readable description of the status of this operation.", (o, _) => Text(o, "message")),
            new("First Seen", "string", "Time when this event was first observed.", (o, now) => Time(o, "firstTimestamp") is { } at ? HumanDuration(now - at) : "<unknown>", 1),
            new("Count", "string", "The number of times this event has occurred.", (o, _) => EventTable.Count(o), 1),
            new("Name", "string", "Name must be unique within a namespace.", (o, _) => Text(o, "metadata.name"), 1),
        ],
        ("", "ConfigMap") => [Name, new("Data", "integer", "Number of data entries.", (o, _) => (long)(((o["data"] as JsonObject)?.Count ?? 0) + ((o["binaryData"] as JsonObject)?.Count ?? 0))), Age],
        ("", "Secret") => [Name, new("Type", "string", "The type of the secret.", (o, _) => Text(o, "type")), new("Data", "integer", "Number of data entries.", (o, _) => (long)((o["data"] as JsonObject)?.Count ?? 0)), Age],
        ("", "ServiceAccount") => [Name, new("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.", (o, _) => (long)Items(o, "secrets").Count()), Age],
        ("", "Namespace") => [Name, new("Status", "string", "The status of the namespace.", (o, _) => Text(o, "status.phase")), Age],
        ("", "PersistentVolumeClaim") =>
        [
            Name,
            new("Status", "string", "Phase represents the current phase of PersistentVolumeClaim.", (o, _) => Text(o, "status.phase")),
            new("Volume", "string", "VolumeName is the binding reference to the PersistentVolume backing this claim.", (o, _) => Text(o, "spec.volumeName")),
            new("Capacity", "string", "The actual resources of the underlying volume.", (o, _) => Text(o, "status.capacity.storage")),
            new("Access Modes", "string", "AccessModes contains the desired access modes the volume should have.", (o, _) => AccessModes(o)),
            new("StorageClass", "string", "StorageClassName is the name of the StorageClass required by the claim.", (o, _) => Text(o, "spec.storageClassName")),
            new("VolumeAttributesClass", "string", "VolumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.", (o, _) => TextOrNone(o, "spec.volumeAttributesClassName")),
            Age,
            new("VolumeMode", "string", "VolumeMode defines what type of volume is required by the claim.", (o, _) => Text(o, "spec.volumeMode"), 1),
        ],
        ("rbac.authorization.k8s.io", "Role" or "ClusterRole") => [Name, new("Created At", "date", "CreationTimestamp is a timestamp representing the server time when this object was created.", (o, _) => Text(o, "metadata.creationTimestamp"))],
        ("rbac.authorization.k8s.io", "RoleBinding" or "ClusterRoleBinding") =>
        [
            Name,
            new("Role", "string", "RoleRef is the reference to the role.", (o, _) => $"{Text(o, "roleRef.kind")}/{Text(o, "roleRef.name")}"),
            Age,
            new("Users", "string", "Users in the roleBinding", (o, _) => Subjects(o, "User"), 1),
            new("Groups", "string", "Groups in the roleBinding", (o, _) => Subjects(o, "Group"), 1),
            new("ServiceAccounts", "string", "ServiceAccounts in the roleBinding", (o, _) => Subjects(o, "ServiceAccount"), 1),
        ],
        ("networking.k8s.io", "NetworkPolicy") => [Name, new("Pod-Selector", "string", "Selects the pods to which this NetworkPolicy object applies.", (o, _) => Selector(o["spec"]?["podSelector"]) is var s && s == None ? "<none>" : s), Age],
        ("policy", "PodDisruptionBudget") =>
        [
            Name,
            new("Min Available", "string", "The minimum number of pods that must be available simultaneously.", (o, _) => JsonPath(o, "spec.minAvailable") ?? "N/A"),
            new("Max Unavailable", "string", "The maximum number of pods that may be unavailable simultaneously.", (o, _) => JsonPath(o, "spec.maxUnavailable") ?? "N/A"),
            new("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time.", (o, _) => Number(o, "status.disruptionsAllowed")),
            Age,
        ],
        ("apiextensions.k8s.io", "CustomResourceDefinition") => [Name, new("Created At", "date", "When the definition was created.", (o, _) => Text(o, "metadata.creationTimestamp"))],
        _ => [Name, Age],
    };

    private static IEnumerable<TableColumn> Workload(string podSpecPath, bool selector, string selectorPath = "spec.selector")
    {
        yield return new("Containers", "string", "Names of each container in the template.", (o, _) => Containers(o, podSpecPath).Names, 1);
        yield return new("Images", "string", "Images referenced by each container in the template.", (o, _) => Containers(o, podSpecPath).Images, 1);
        if (selector)
        {
            yield return new("Selector", "string", "Label selector for pods.", (o, _) => Selector(Objects.JsonPath.Get(o, selectorPath)), 1);
        }
    }

    /// <summary>An int-or-string field as text, or null when unset.</summary>
    private static string? JsonPath(JsonObject o, string path) => Objects.JsonPath.Get(o, path) is { } v ? KubectlJsonPath.Text(v) : null;

    private static string JobStatus(JsonObject job)
    {
        var conditions = ObjectConditions.Of(job);
        bool Has(string type) => conditions.Any(c => c.Type == type && c.Status == "True");
        return Has("Complete") ? "Complete" : Has("Failed") ? "Failed" : job["spec"]?["suspend"]?.GetValue<bool>() == true ? "Suspended"
            : Has("FailureTarget") ? "FailureTarget" : Has("SuccessCriteriaMet") ? "SuccessCriteriaMet" : "Running";
    }

    private static string JobCompletions(JsonObject job)
    {
        var succeeded = Number(job, "status.succeeded");
        if (Objects.JsonPath.Get(job, "spec.completions") is not null)
        {
            return $"{succeeded}/{Number(job, "spec.completions")}";
        }

        var parallelism = Number(job, "spec.parallelism");
        return parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
    }

    private static string JobDuration(JsonObject job, DateTimeOffset now) => (Time(job, "status.startTime"), Time(job, "status.completionTime")) switch
    {
        ({ } start, { } end) => HumanDuration(end - start),
        ({ } start, null) => HumanDuration(now - start),
        _ => "",
    };

    private static string AccessModes(JsonObject pvc)
    {
        var modes = (Objects.JsonPath.Get(pvc, "status.accessModes") as JsonArray ?? []).Select(KubectlJsonPath.Text).ToHashSet();
        var shortNames = new[] { ("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP") };
        return string.Join(",", shortNames.Where(m => modes.Contains(m.Item1)).Select(m => m.Item2));
    }

    private static string Subjects(JsonObject binding, string kind)
    {
        var names = Items(binding, "subjects").Where(s => KubectlJsonPath.Text(s["kind"]) == kind)
            .Select(s => kind == "ServiceAccount" ? $"{KubectlJsonPath.Text(s["namespace"])}/{KubectlJsonPath.Text(s["name"])}" : KubectlJsonPath.Text(s["name"]));
        return string.Join(", ", names);
    }
}
