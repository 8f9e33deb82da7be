using System.Collections.Frozen;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>
/// The list merge schema of the common built-in kinds. Paths are the field names from the object root joined
/// by dots, list positions left out: <c>spec.template.spec.containers.ports</c>.
/// </summary>
public static class BuiltInMergeKeys
{
    private static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    private static readonly FrozenSet<string> BuiltInGroups = new[]
    {
        "", "apps", "batch", "policy", "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io", "apiextensions.k8s.io",
        "coordination.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io", "events.k8s.io", "discovery.k8s.io",
        "certificates.k8s.io", "scheduling.k8s.io", "node.k8s.io", "apiregistration.k8s.io", "flowcontrol.apiserver.k8s.io",
    }.ToFrozenSet();

    private static readonly FrozenDictionary<string, ListSpec> Metadata = new Dictionary<string, ListSpec>
    {
        ["metadata.finalizers"] = ListSpec.Set,
        ["metadata.ownerReferences"] = ListSpec.Map("uid"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<(string Group, string Kind), FrozenDictionary<string, ListSpec>> Smp = Build(forApply: false);

    private static readonly FrozenDictionary<(string Group, string Kind), FrozenDictionary<string, ListSpec>> Ssa = Build(forApply: true);

    /// <summary>The strategic-merge-patch behaviour of a list; null when the list is not known (then it is replaced).</summary>
    public static ListSpec? ForStrategicMerge(string group, string kind, string path) => Lookup(Smp, group, kind, path);

    /// <summary>The server-side-apply behaviour of a list; lists not known are atomic.</summary>
    public static ListSpec ForApply(string group, string kind, string path) => Lookup(Ssa, group, kind, path) ?? ListSpec.Atomic;

    /// <summary>
    /// Whether the object at <paramref name="path"/> is atomic for server-side apply (owned and replaced whole):
    /// label selectors, Service and node selectors, and the key references of environment variables.
    /// </summary>
    public static bool IsAtomicMap(string group, string kind, string path)
    {
        if (path.EndsWith(".nodeSelector", StringComparison.Ordinal) || path.EndsWith(".labelSelector", StringComparison.Ordinal)
            || path.EndsWith(".env.valueFrom.configMapKeyRef", StringComparison.Ordinal) || path.EndsWith(".env.valueFrom.secretKeyRef", StringComparison.Ordinal)
            || path.EndsWith(".env.valueFrom.fieldRef", StringComparison.Ordinal) || path.EndsWith(".env.valueFrom.resourceFieldRef", StringComparison.Ordinal))
        {
            return BuiltInGroups.Contains(group);
        }

        return path == "spec.selector" && (group, kind) is ("apps", _) or ("batch", "Job") or ("", "Service") or ("policy", "PodDisruptionBudget")
            || path == "spec.podSelector" && group == "networking.k8s.io";
    }

    /// <summary>Whether the group is served by the API server itself (its kinds have compiled-in schemas).</summary>
    public static bool IsBuiltInGroup(string group) => BuiltInGroups.Contains(group);

    private static ListSpec? Lookup(FrozenDictionary<(string, string), FrozenDictionary<string, ListSpec>> table, string group, string kind, string path)
    {
        if (Metadata.TryGetValue(path, out var meta))
        {
            return meta;
        }

        if (table.TryGetValue((group, kind), out var paths) && paths.TryGetValue(path, out var spec))
        {
            return spec;
        }

        return BuiltInGroups.Contains(group) && path == "status.conditions" ? ListSpec.Map("type") : null;
    }

    private static FrozenDictionary<(string, string), FrozenDictionary<string, ListSpec>> Build(bool forApply)
    {
        var kinds = new Dictionary<(string, string), FrozenDictionary<string, ListSpec>>
        {
            [("", "Pod")] = PodSpec("spec", forApply),
            [("", "PodTemplate")] = PodSpec("template.spec", forApply),
            [("", "ReplicationController")] = PodSpec("spec.template.spec", forApply),
            [("apps", "Deployment")] = PodSpec("spec.template.spec", forApply),
            [("apps", "StatefulSet")] = PodSpec("spec.template.spec", forApply),
            [("apps", "DaemonSet")] = PodSpec("spec.template.spec", forApply),
            [("apps", "ReplicaSet")] = PodSpec("spec.template.spec", forApply),
            [("batch", "Job")] = PodSpec("spec.template.spec", forApply),
            [("batch", "CronJob")] = PodSpec("spec.jobTemplate.spec.template.spec", forApply),
            [("", "Service")] = new Dictionary<string, ListSpec>
            {
                ["spec.ports"] = forApply ? ListSpec.Map("port", "protocol") : ListSpec.Map("port"),
            }.ToFrozenDictionary(),
            [("", "ServiceAccount")] = new Dictionary<string, ListSpec>
            {
                ["secrets"] = ListSpec.Map("name"),
            }.ToFrozenDictionary(),
            [("apiextensions.k8s.io", "CustomResourceDefinition")] = new Dictionary<string, ListSpec>
            {
                ["spec.versions"] = ListSpec.Map("name"),
            }.ToFrozenDictionary(),
        };
        return kinds.ToFrozenDictionary();
    }

    private static FrozenDictionary<string, ListSpec> PodSpec(string prefix, bool forApply)
    {
        var paths = new Dictionary<string, ListSpec>
        {
            [prefix + ".volumes"] = ListSpec.Map("name"),
            [prefix + ".imagePullSecrets"] = ListSpec.Map("name"),
            [prefix + ".hostAliases"] = ListSpec.Map("ip"),
            [prefix + ".topologySpreadConstraints"] = forApply ? ListSpec.Map("topologyKey", "whenUnsatisfiable") : ListSpec.Map("topologyKey"),
            [prefix + ".resourceClaims"] = ListSpec.Map("name"),
            [prefix + ".schedulingGates"] = ListSpec.Map("name"),
            [prefix + ".tolerations"] = ListSpec.Atomic,
        };
        foreach (var list in ContainerLists)
        {
            var container = prefix + "." + list;
            paths[container] = ListSpec.Map("name");
            paths[container + ".ports"] = forApply ? ListSpec.Map("containerPort", "protocol") : ListSpec.Map("containerPort");
            paths[container + ".env"] = ListSpec.Map("name");
            paths[container + ".volumeMounts"] = ListSpec.Map("mountPath");
            paths[container + ".volumeDevices"] = ListSpec.Map("devicePath");
            paths[container + ".args"] = ListSpec.Atomic;
            paths[container + ".command"] = ListSpec.Atomic;
            paths[container + ".envFrom"] = ListSpec.Atomic;
        }

        return paths.ToFrozenDictionary();
    }
}
