using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>List schemas for server-side apply: the built-in kinds, or a CRD version's OpenAPI schema.</summary>
public sealed class ListSchema : IListKeys
{
    /// <summary>Schemas already read, so a caller may ask once per request without re-walking the schema.</summary>
    private static readonly ConditionalWeakTable<JsonObject, ListSchema> FromSchemas = [];

    private readonly Func<string, string, string, ListSpec> _resolve;
    private readonly Func<string, string, string, bool> _isAtomicMap;

    private ListSchema(Func<string, string, string, ListSpec> resolve, Func<string, string, string, bool> isAtomicMap)
    {
        _resolve = resolve;
        _isAtomicMap = isAtomicMap;
    }

    /// <summary>The built-in kinds' list keys (<see cref="BuiltInMergeKeys.ForApply"/>).</summary>
    public static ListSchema BuiltIn { get; } = new(BuiltInMergeKeys.ForApply, BuiltInMergeKeys.IsAtomicMap);

    /// <summary>
    /// A CRD version's <c>openAPIV3Schema</c>: lists are atomic unless marked <c>x-kubernetes-list-type: map|set</c>;
    /// metadata lists keep their built-in behaviour. The result is cached per schema instance, so a changed
    /// schema must come as a new object.
    /// </summary>
    public static ListSchema FromOpenApiSchema(JsonObject schema) => FromSchemas.GetValue(schema, Read);

    private static ListSchema Read(JsonObject schema)
    {
        var lists = new Dictionary<string, ListSpec>(StringComparer.Ordinal);
        var atomicMaps = new HashSet<string>(StringComparer.Ordinal);
        Collect(schema, string.Empty, lists, atomicMaps, depth: 0);
        return new ListSchema(
            (group, kind, path) => path.StartsWith("metadata.", StringComparison.Ordinal) ? BuiltInMergeKeys.ForApply(group, kind, path)
                : lists.TryGetValue(path, out var spec) ? spec : ListSpec.Atomic,
            (_, _, path) => atomicMaps.Contains(path));
    }

    public ListSpec Resolve(string group, string kind, string path) => _resolve(group, kind, path);

    /// <summary>Whether the object at <paramref name="path"/> is owned and replaced whole (<c>x-kubernetes-map-type: atomic</c>).</summary>
    public bool IsAtomicMap(string group, string kind, string path) => _isAtomicMap(group, kind, path);

    private static void Collect(JsonObject schema, string path, Dictionary<string, ListSpec> lists, HashSet<string> atomicMaps, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        if (schema["x-kubernetes-map-type"] is JsonValue mapType && mapType.TryGetValue<string>(out var type) && type == "atomic")
        {
            atomicMaps.Add(path);
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject childSchema)
                {
                    Collect(childSchema, path.Length == 0 ? name : path + "." + name, lists, atomicMaps, depth + 1);
                }
            }
        }

        if (schema["items"] is JsonObject items)
        {
            lists[path] = ReadListType(schema);
            Collect(items, path, lists, atomicMaps, depth + 1);
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
