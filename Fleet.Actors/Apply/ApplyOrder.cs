namespace Fleet.Actors.Apply;

/// <summary>
/// Flux's apply order: a fixed rank of kinds (CRDs and Namespaces first), then every other kind, then the admission
/// webhooks last; ties break on group, kind, namespace and name. Deletion runs in the reverse order.
/// </summary>
public static class ApplyOrder
{
    private static readonly string[] First =
    [
        "CustomResourceDefinition", "Namespace", "ClusterRole", "ClusterClass", "RuntimeClass", "PriorityClass",
        "StorageClass", "VolumeSnapshotClass", "IngressClass", "GatewayClass", "ClusterRoleBinding", "ResourceQuota",
        "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Service", "LimitRange", "Deployment",
        "StatefulSet", "CronJob", "PodDisruptionBudget",
    ];

    private static readonly string[] Last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    /// <summary>The rank of a kind: its position in the first list, then all others, then the last list.</summary>
    public static int Rank(string kind)
    {
        var first = Array.IndexOf(First, kind);
        if (first >= 0)
        {
            return first;
        }

        var last = Array.IndexOf(Last, kind);
        return last >= 0 ? First.Length + 1 + last : First.Length;
    }

    public static IComparer<ObjectRef> Comparer { get; } = Comparer<ObjectRef>.Create(Compare);

    /// <summary>Sorts in apply order.</summary>
    public static IReadOnlyList<T> Sort<T>(IEnumerable<T> items, Func<T, ObjectRef> refOf) => [.. items.OrderBy(refOf, Comparer)];

    /// <summary>Sorts in delete order, the reverse of apply order.</summary>
    public static IReadOnlyList<T> SortForDelete<T>(IEnumerable<T> items, Func<T, ObjectRef> refOf) => [.. items.OrderByDescending(refOf, Comparer)];

    private static int Compare(ObjectRef? a, ObjectRef? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var byRank = Rank(a.Kind).CompareTo(Rank(b.Kind));
        if (byRank != 0)
        {
            return byRank;
        }

        foreach (var (x, y) in new[] { (a.Group, b.Group), (a.Kind, b.Kind), (a.Namespace, b.Namespace), (a.Name, b.Name) })
        {
            var c = string.CompareOrdinal(x, y);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
