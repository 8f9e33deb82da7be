namespace Fleet.Actors.Apply;

/// <summary>
/// Flux's stages: CRDs, Namespaces and ClusterRoles first and waited for (the rest may need them); then the
/// <c>*Class</c> kinds, waited for; then everything else. Empty stages are left out; order within a stage is kept.
/// </summary>
public static class ApplyStages
{
    public static IReadOnlyList<ApplyStage<T>> Split<T>(IReadOnlyList<T> items, Func<T, ObjectRef> refOf)
    {
        var stages = new List<ApplyStage<T>>
        {
            new("definitions", [.. items.Where(i => IsDefinition(refOf(i)))], Wait: true),
            new("classes", [.. items.Where(i => !IsDefinition(refOf(i)) && IsClass(refOf(i)))], Wait: true),
            new("resources", [.. items.Where(i => !IsDefinition(refOf(i)) && !IsClass(refOf(i)))], Wait: false),
        };
        return [.. stages.Where(s => s.Objects.Count > 0)];
    }

    /// <summary>A CustomResourceDefinition, Namespace or ClusterRole.</summary>
    public static bool IsDefinition(ObjectRef o) =>
        IsCrd(o)
        || (o.Group.Length == 0 && o.Kind == "Namespace")
        || (o.Group == "rbac.authorization.k8s.io" && o.Kind == "ClusterRole");

    public static bool IsCrd(ObjectRef o) => o.Group == "apiextensions.k8s.io" && o.Kind == "CustomResourceDefinition";

    public static bool IsClass(ObjectRef o) => o.Kind.EndsWith("Class", StringComparison.Ordinal);
}
