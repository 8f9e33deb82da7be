using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>List schemas for server-side apply: the built-in kinds, or a CRD version's OpenAPI schema.</summary>
public sealed class ListSchema : IListKeys
{
    private readonly Func<string, string, string, ListSpec> _resolve;

    private ListSchema(Func<string, string, string, ListSpec> resolve) => _resolve = resolve;

    /// <summary>The built-in kinds' list keys (<see cref="BuiltInMergeKeys.ForApply"/>).</summary>
    public static ListSchema BuiltIn { get; } = new(BuiltInMergeKeys.ForApply);

    /// <summary>
    /// A CRD version's <c>openAPIV3Schema</c>: lists are atomic unless marked <c>x-kubernetes-list-type: map|set</c>;
    /// metadata lists keep their built-in behaviour.
    /// </summary>
    public static ListSchema FromOpenApiSchema(JsonObject schema) => throw new NotSupportedException();

    public ListSpec Resolve(string group, string kind, string path) => _resolve(group, kind, path);
}
