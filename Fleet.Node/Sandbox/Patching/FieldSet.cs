using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>
/// An immutable set of field paths, as in <c>managedFields[].fieldsV1</c>. Each node is keyed by a FieldsV1 path
/// element (<c>f:name</c>, <c>k:{"name":"c"}</c>, <c>v:"x"</c>, <c>i:0</c>); a node is itself a member when it is a
/// leaf (<c>{}</c>) or carries <c>"."</c>.
/// </summary>
public sealed class FieldSet
{
    public static FieldSet Empty { get; } = new();

    private FieldSet()
    {
    }

    public bool IsEmpty => throw new NotSupportedException();

    /// <summary>Parses a FieldsV1 object; null or a non-object yields the empty set.</summary>
    /// <exception cref="FormatException">An element key is not a valid FieldsV1 key.</exception>
    public static FieldSet FromFieldsV1(JsonNode? fieldsV1) => throw new NotSupportedException();

    /// <summary>Writes the FieldsV1 form, keys sorted as the API server writes them.</summary>
    public JsonObject ToFieldsV1() => throw new NotSupportedException();

    public FieldSet Union(FieldSet other) => throw new NotSupportedException();

    public FieldSet Difference(FieldSet other) => throw new NotSupportedException();

    public FieldSet Intersect(FieldSet other) => throw new NotSupportedException();

    /// <summary>The member paths in the API server's display form, e.g. <c>.spec.containers[name="c"].image</c>.</summary>
    public IReadOnlyList<string> Paths() => throw new NotSupportedException();

    /// <summary>Whether the path given as FieldsV1 elements (e.g. <c>f:spec</c>, <c>f:replicas</c>) is a member.</summary>
    public bool Contains(params string[] elements) => throw new NotSupportedException();

    /// <summary>The set of all fields of <paramref name="obj"/> (every leaf and every list item), as server-side apply sees it.</summary>
    public static FieldSet FromObject(JsonObject obj, string group, string kind, IListKeys lists) => throw new NotSupportedException();

    public override string ToString() => ToFieldsV1().ToJsonString();
}
