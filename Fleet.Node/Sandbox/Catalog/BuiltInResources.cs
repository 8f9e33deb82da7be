namespace Fleet.Node.Sandbox.Catalog;

/// <summary>The built-in kinds the sandbox API server serves, with the names, scope and subresources of the real server.</summary>
public static class BuiltInResources
{
    private static readonly ScaleSpec WorkloadScale = new("spec.replicas", "status.replicas", "spec.selector");

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Make("", "v1", "Namespace", "namespaces", namespaced: false, shortNames: ["ns"], status: true, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]),
        Make("", "v1", "ConfigMap", "configmaps", shortNames: ["cm"]),
        Make("", "v1", "Secret", "secrets"),
        Make("", "v1", "ServiceAccount", "serviceaccounts", shortNames: ["sa"]),
        Make("", "v1", "Service", "services", shortNames: ["svc"], categories: ["all"], status: true, verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]),
        Make("", "v1", "Pod", "pods", shortNames: ["po"], categories: ["all"], status: true),
        Make("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", shortNames: ["pvc"], status: true),
        Make("", "v1", "PersistentVolume", "persistentvolumes", namespaced: false, shortNames: ["pv"], status: true),
        Make("", "v1", "Event", "events", shortNames: ["ev"]),
        Make("", "v1", "Endpoints", "endpoints", shortNames: ["ep"]),
        Make("", "v1", "Node", "nodes", namespaced: false, shortNames: ["no"], status: true),
        Make("", "v1", "LimitRange", "limitranges", shortNames: ["limits"]),
        Make("", "v1", "ResourceQuota", "resourcequotas", shortNames: ["quota"], status: true),
        Make("", "v1", "ReplicationController", "replicationcontrollers", shortNames: ["rc"], categories: ["all"], status: true, scale: WorkloadScale with { LabelSelectorPath = null }, generation: true),
        Make("apps", "v1", "Deployment", "deployments", shortNames: ["deploy"], categories: ["all"], status: true, scale: WorkloadScale, generation: true),
        Make("apps", "v1", "ReplicaSet", "replicasets", shortNames: ["rs"], categories: ["all"], status: true, scale: WorkloadScale, generation: true),
        Make("apps", "v1", "StatefulSet", "statefulsets", shortNames: ["sts"], categories: ["all"], status: true, scale: WorkloadScale, generation: true),
        Make("apps", "v1", "DaemonSet", "daemonsets", shortNames: ["ds"], categories: ["all"], status: true, generation: true),
        Make("apps", "v1", "ControllerRevision", "controllerrevisions"),
        Make("batch", "v1", "Job", "jobs", categories: ["all"], status: true, generation: true),
        Make("batch", "v1", "CronJob", "cronjobs", shortNames: ["cj"], categories: ["all"], status: true, generation: true),
        Make("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", shortNames: ["hpa"], categories: ["all"], status: true, generation: true),
        Make("coordination.k8s.io", "v1", "Lease", "leases"),
        Make("rbac.authorization.k8s.io", "v1", "Role", "roles"),
        Make("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
        Make("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", namespaced: false),
        Make("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        Make("networking.k8s.io", "v1", "Ingress", "ingresses", shortNames: ["ing"], status: true, generation: true),
        Make("networking.k8s.io", "v1", "IngressClass", "ingressclasses", namespaced: false),
        Make("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", shortNames: ["netpol"], generation: true),
        Make("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", shortNames: ["pdb"], status: true, generation: true),
        Make("storage.k8s.io", "v1", "StorageClass", "storageclasses", namespaced: false, shortNames: ["sc"]),
        Make("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", namespaced: false, shortNames: ["pc"]),
        Make("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", namespaced: false),
        Make("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", namespaced: false),
        Make("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", namespaced: false, shortNames: ["crd", "crds"], categories: ["api-extensions"], status: true, generation: true),
    ];

    private static ResourceType Make(
        string group,
        string version,
        string kind,
        string plural,
        bool namespaced = true,
        string[]? shortNames = null,
        string[]? categories = null,
        bool status = false,
        ScaleSpec? scale = null,
        bool generation = false,
        string[]? verbs = null) => new()
        {
            Group = group,
            Version = version,
            Kind = kind,
            Plural = plural,
            Singular = kind.ToLowerInvariant(),
            Namespaced = namespaced,
            ShortNames = shortNames ?? [],
            Categories = categories ?? [],
            Verbs = verbs ?? ResourceType.StandardVerbs,
            HasStatus = status,
            Scale = scale,
            TracksGeneration = generation,
        };
}
