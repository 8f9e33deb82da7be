namespace Fleet.Actors.Apply;

/// <summary>
/// Who applies: the field manager of every server-side apply, and the API group that names the ownership labels
/// (<c>&lt;Group&gt;/name</c>, <c>&lt;Group&gt;/namespace</c>) and the per-object annotations
/// (<c>&lt;Group&gt;/ssa</c>, <c>/force</c>, <c>/prune</c>, <c>/reconcile</c>).
/// </summary>
public sealed record ApplyOwner(string FieldManager, string Group)
{
    /// <summary>Fleet's owner for Kustomizations, with Flux's group so Flux's annotations keep working.</summary>
    public static ApplyOwner Fleet { get; } = new("fleet", "kustomize.toolkit.fluxcd.io");

    /// <summary>The owner labels <c>&lt;Group&gt;/name</c> and <c>&lt;Group&gt;/namespace</c> for one owning object.</summary>
    public IReadOnlyDictionary<string, string> LabelsFor(string name, string @namespace) =>
        new Dictionary<string, string> { [$"{Group}/name"] = name, [$"{Group}/namespace"] = @namespace };
}
