using System.Text.Json.Nodes;

namespace Fleet.Actors.Kustomize.InProcess;

/// <summary>
/// Kustomize's namespace transformer for the kinds it treats plainly: a namespaced object gets the namespace, a
/// cluster-scoped one keeps its metadata. Kustomize decides scope from its built-in schema, not from the cluster:
/// the kinds below are the cluster-scoped ones it knows, and every other kind, custom or newer, counts as namespaced.
/// </summary>
public static class KustomizeNamespace
{
    private static readonly HashSet<(string ApiVersion, string Kind)> ClusterScoped =
    [
        ("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"),
        ("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"),
        ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration"),
        ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration"),
        ("certificates.k8s.io/v1", "CertificateSigningRequest"),
        ("certificates.k8s.io/v1beta1", "CertificateSigningRequest"),
        ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema"),
        ("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration"),
        ("networking.k8s.io/v1", "IngressClass"),
        ("networking.k8s.io/v1beta1", "IngressClass"),
        ("node.k8s.io/v1", "RuntimeClass"),
        ("node.k8s.io/v1beta1", "RuntimeClass"),
        ("policy/v1beta1", "PodSecurityPolicy"),
        ("rbac.authorization.k8s.io/v1", "ClusterRole"),
        ("rbac.authorization.k8s.io/v1beta1", "ClusterRole"),
        ("scheduling.k8s.io/v1", "PriorityClass"),
        ("scheduling.k8s.io/v1beta1", "PriorityClass"),
        ("storage.k8s.io/v1", "CSIDriver"),
        ("storage.k8s.io/v1", "CSINode"),
        ("storage.k8s.io/v1", "StorageClass"),
        ("storage.k8s.io/v1", "VolumeAttachment"),
        ("storage.k8s.io/v1beta1", "CSIDriver"),
        ("storage.k8s.io/v1beta1", "CSINode"),
        ("storage.k8s.io/v1beta1", "StorageClass"),
        ("storage.k8s.io/v1beta1", "VolumeAttachment"),
        ("v1", "ComponentStatus"),
        ("v1", "Node"),
        ("v1", "NodeProxyOptions"),
        ("v1", "PersistentVolume"),
    ];

    private static readonly HashSet<(string ApiVersion, string Kind)> SpecialClusterScoped =
    [
        ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
        ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"),
        ("apiregistration.k8s.io/v1", "APIService"),
        ("apiregistration.k8s.io/v1beta1", "APIService"),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding"),
        ("v1", "Namespace"),
    ];

    // The transformer also renames Namespaces, rewrites (Cluster)RoleBinding subjects and the service references of
    // CRDs and APIServices; and a renamed subject's references are fixed at the end of the build. Kustomize keeps those.
    private static readonly HashSet<string> SpecialKinds =
        ["Namespace", "RoleBinding", "ClusterRoleBinding", "CustomResourceDefinition", "APIService"];

    /// <summary>Whether kustomize counts the kind as cluster-scoped.</summary>
    public static bool IsClusterScoped(string apiVersion, string kind) => ClusterScoped.Contains((apiVersion, kind)) || SpecialClusterScoped.Contains((apiVersion, kind));

    /// <summary>Sets <paramref name="ns"/> as kustomize would; false when kustomize does more to this kind than that.</summary>
    public static bool TrySet(JsonObject obj, string ns)
    {
        var apiVersion = (string)obj["apiVersion"]!;
        var kind = (string)obj["kind"]!;
        if (SpecialKinds.Contains(kind))
        {
            return false;
        }
        if (!ClusterScoped.Contains((apiVersion, kind)))
        {
            obj["metadata"]!["namespace"] = ns;
        }
        return true;
    }
}
