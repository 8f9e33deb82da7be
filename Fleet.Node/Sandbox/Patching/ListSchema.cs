using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>List schemas for server-side apply: the built-in kinds, or a CRD version's OpenAPI schema.</summary>
public sealed class ListSchema : IListKeys
{
    /// <summary>Schemas already read, so a caller may ask once per request without re-walking the schema.</summary>
    private static readonly ConditionalWeakTable<JsonObject, ListSchema> FromSchemas = [];

    private readonly Func<string, string, string, ListSpec> _resolve;

    private ListSchema(Func<string, string, string, ListSpec> resolve) => _resolve = resolve;

    /// <summary>The built-in kinds' list keys (<see cref="BuiltInMergeKeys.ForApply"/>).</summary>
    public static ListSchema BuiltIn { get; } = new(BuiltInMergeKeys.ForApply);

    /// <summary>
    /// A CRD version's <c>openAPIV3Schema</c>: lists are atomic unless marked <c>x-kubernetes-list-type: map|set</c>;
    /// metadata lists keep their built-in behaviour. The result is cached per schema instance, so a changed
    /// schema must come as a new object.
    /// </summary>
    public static ListSchema FromOpenApiSchema(JsonObject schema) => FromSchemas.GetValue(schema, Read);

    private static ListSchema Read(JsonObject schema)
    {
        var lists = new Dictionary<string, ListSpec>(StringComparer.Ordinal);
        Collect(schema, string.Empty, lists, depth: 0);
        return new ListSchema((group, kind, path) =>
            path.StartsWith("metadata.", StringComparison.Ordinal) ? BuiltInMergeKeys.ForApply(group, kind, path)
            : lists.TryGetValue(path, out var spec) ? spec : ListSpec.Atomic);
    }

    public ListSpec Resolve(string group, string kind, string path) => _resolve(group, kind, path);

    private static void Collect(JsonObject schema, string path, Dictionary<string, ListSpec> lists, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject childSchema)
                {
                    Collect(childSchema, path.Length == 0 ? name : path + "." + name, lists, depth + 1);
                }
            }
        }

        if (schema["items"] is JsonObject items)
        {
            lists[path] = ReadListType(schema);
            Collect(items, path, lists, depth + 1);
        }
    }

    private static ListSpec ReadListType(JsonObject schema)
    {
        var listType = schema["x-kubernetes-list-type"]?.GetValue<string>();
        if (listType == "set")
        {
            return ListSpec.Set;
        }

        if (listType == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys && keys.Count > 0)
        {
            return new ListSpec(ListType.Map, keys.Select(k => k!.GetValue<string>()).ToArray());
        }

        return ListSpec.Atomic;
    }
}
