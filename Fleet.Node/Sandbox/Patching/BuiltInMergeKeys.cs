namespace Fleet.Node.Sandbox.Patching;

/// <summary>
/// The list merge schema of the common built-in kinds. Paths are the field names from the object root joined
/// by dots, list positions left out: <c>spec.template.spec.containers.ports</c>.
/// </summary>
public static class BuiltInMergeKeys
{
    /// <summary>The strategic-merge-patch behaviour of a list; null when the list is not known (then it is replaced).</summary>
    public static ListSpec? ForStrategicMerge(string group, string kind, string path) => throw new NotSupportedException();

    /// <summary>The server-side-apply behaviour of a list; lists not known are atomic.</summary>
    public static ListSpec ForApply(string group, string kind, string path) => throw new NotSupportedException();
}
