using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>
/// An immutable set of field paths, as in <c>managedFields[].fieldsV1</c>. Each node is keyed by a FieldsV1 path
/// element (<c>f:name</c>, <c>k:{"name":"c"}</c>, <c>v:"x"</c>, <c>i:0</c>); a node is itself a member when it is a
/// leaf (<c>{}</c>) or carries <c>"."</c>.
/// </summary>
public sealed class FieldSet
{
    private static readonly IComparer<string> ElementOrder = Comparer<string>.Create((a, b) =>
    {
        var byType = Rank(a).CompareTo(Rank(b));
        return byType != 0 ? byType : string.CompareOrdinal(a, b);
    });

    private SortedDictionary<string, FieldSet>? _children;

    private FieldSet()
    {
    }

    public static FieldSet Empty { get; } = new();

    public bool IsEmpty => !IsMember && (_children is null || _children.Count == 0);

    /// <summary>Whether this node itself is in the set (a leaf, or a node carrying <c>"."</c>).</summary>
    internal bool IsMember { get; private set; }

    internal IEnumerable<KeyValuePair<string, FieldSet>> Children => _children ?? Enumerable.Empty<KeyValuePair<string, FieldSet>>();

    /// <summary>Parses a FieldsV1 object; null or a non-object yields the empty set.</summary>
    /// <exception cref="FormatException">An element key is not a valid FieldsV1 key.</exception>
    public static FieldSet FromFieldsV1(JsonNode? fieldsV1)
    {
        if (fieldsV1 is not JsonObject obj)
        {
            return Empty;
        }

        var root = new FieldSet();
        ParseInto(root, obj, 0);
        return root;
    }

    /// <summary>Writes the FieldsV1 form, keys sorted as the API server writes them.</summary>
    public JsonObject ToFieldsV1()
    {
        var obj = new JsonObject();
        foreach (var (key, child) in Children)
        {
            obj[key] = child.ToNodeJson();
        }

        return obj;
    }

    public FieldSet Union(FieldSet other)
    {
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        var result = new FieldSet { IsMember = IsMember || other.IsMember };
        foreach (var (key, child) in Children)
        {
            result.SetChild(key, other.TryGetChild(key) is { } theirs ? child.Union(theirs) : child);
        }

        foreach (var (key, child) in other.Children)
        {
            if (TryGetChild(key) is null)
            {
                result.SetChild(key, child);
            }
        }

        return result;
    }

    public FieldSet Difference(FieldSet other)
    {
        if (other.IsEmpty || IsEmpty)
        {
            return this;
        }

        var result = new FieldSet { IsMember = IsMember && !other.IsMember };
        foreach (var (key, child) in Children)
        {
            var remaining = other.TryGetChild(key) is { } theirs ? child.Difference(theirs) : child;
            if (!remaining.IsEmpty)
            {
                result.SetChild(key, remaining);
            }
        }

        return result.IsEmpty ? Empty : result;
    }

    public FieldSet Intersect(FieldSet other)
    {
        if (other.IsEmpty || IsEmpty)
        {
            return Empty;
        }

        var result = new FieldSet { IsMember = IsMember && other.IsMember };
        foreach (var (key, child) in Children)
        {
            if (other.TryGetChild(key) is { } theirs)
            {
                var common = child.Intersect(theirs);
                if (!common.IsEmpty)
                {
                    result.SetChild(key, common);
                }
            }
        }

        return result.IsEmpty ? Empty : result;
    }

    /// <summary>Whether both sets hold exactly the same paths.</summary>
    public bool SetEquals(FieldSet other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (IsMember != other.IsMember || (_children?.Count ?? 0) != (other._children?.Count ?? 0))
        {
            return false;
        }

        foreach (var (key, child) in Children)
        {
            if (other.TryGetChild(key) is not { } theirs || !child.SetEquals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The member paths in the API server's display form, e.g. <c>.spec.containers[name="c"].image</c>.</summary>
    public IReadOnlyList<string> Paths()
    {
        var paths = new List<string>();
        CollectPaths(this, new StringBuilder(), paths);
        return paths;
    }

    /// <summary>Whether the path given as FieldsV1 elements (e.g. <c>f:spec</c>, <c>f:replicas</c>) is a member.</summary>
    public bool Contains(params string[] elements)
    {
        var node = this;
        foreach (var element in elements)
        {
            node = node.TryGetChild(element);
            if (node is null)
            {
                return false;
            }
        }

        return node.IsMember;
    }

    /// <summary>The set of all fields of <paramref name="obj"/> (every leaf and every list item), as server-side apply sees it.</summary>
    public static FieldSet FromObject(JsonObject obj, string group, string kind, IListKeys lists)
    {
        var root = new FieldSet();
        FieldWalker.CollectObject(obj, root, string.Empty, new ListContext(group, kind, lists, Strict: true));
        return root;
    }

    /// <summary>The display form of one path element: <c>.name</c>, <c>[name="c"]</c>, <c>[="x"]</c> or <c>[0]</c>.</summary>
    internal static string DisplayElement(string element)
    {
        var body = element[2..];
        switch (element[0])
        {
            case 'f':
                return "." + body;
            case 'v':
                return "[=" + body + "]";
            case 'i':
                return "[" + body + "]";
            default:
                var key = JsonNode.Parse(body)!.AsObject();
                return "[" + string.Join(",", key.Select(p => p.Key + "=" + p.Value!.ToJsonString(FieldWalker.KeyJson))) + "]";
        }
    }

    public override string ToString() => ToFieldsV1().ToJsonString(FieldWalker.KeyJson);

    internal FieldSet? TryGetChild(string key) => _children is not null && _children.TryGetValue(key, out var child) ? child : null;

    /// <summary>Builder access, used only while a set is being constructed.</summary>
    internal FieldSet GetOrAddChild(string key)
    {
        _children ??= new SortedDictionary<string, FieldSet>(ElementOrder);
        if (!_children.TryGetValue(key, out var child))
        {
            child = new FieldSet();
            _children[key] = child;
        }

        return child;
    }

    /// <summary>Builder access, used only while a set is being constructed.</summary>
    internal void MarkMember() => IsMember = true;

    /// <summary>A copy without the nodes that hold no member (left behind by builders).</summary>
    internal FieldSet Pruned()
    {
        var result = new FieldSet { IsMember = IsMember };
        foreach (var (key, child) in Children)
        {
            var pruned = child.Pruned();
            if (!pruned.IsEmpty)
            {
                result.SetChild(key, pruned);
            }
        }

        return result.IsEmpty ? Empty : result;
    }

    /// <summary>Builder access: a fresh mutable root.</summary>
    internal static FieldSet NewBuilder() => new();

    private void SetChild(string key, FieldSet child)
    {
        _children ??= new SortedDictionary<string, FieldSet>(ElementOrder);
        _children[key] = child;
    }

    private JsonObject ToNodeJson()
    {
        var obj = new JsonObject();
        if (IsMember && _children is { Count: > 0 })
        {
            obj["."] = new JsonObject();
        }

        foreach (var (key, child) in Children)
        {
            obj[key] = child.ToNodeJson();
        }

        return obj;
    }

    private static void ParseInto(FieldSet node, JsonObject obj, int depth)
    {
        if (depth > 128)
        {
            throw new FormatException("fieldsV1 nests too deeply");
        }

        if (obj.Count == 0)
        {
            node.IsMember = true;
            return;
        }

        foreach (var (key, value) in obj)
        {
            if (key == ".")
            {
                node.IsMember = true;
                continue;
            }

            if (key.Length < 2 || key[1] != ':' || key[0] is not ('f' or 'k' or 'v' or 'i'))
            {
                throw new FormatException($"fieldsV1: unexpected key \"{key}\"");
            }

            if (value is not JsonObject child)
            {
                throw new FormatException($"fieldsV1: the value of \"{key}\" is not an object");
            }

            ParseInto(node.GetOrAddChild(key), child, depth + 1);
        }
    }

    private static void CollectPaths(FieldSet node, StringBuilder prefix, List<string> paths)
    {
        foreach (var (key, child) in node.Children)
        {
            var length = prefix.Length;
            prefix.Append(DisplayElement(key));
            if (child.IsMember)
            {
                paths.Add(prefix.ToString());
            }

            CollectPaths(child, prefix, paths);
            prefix.Length = length;
        }
    }

    private static int Rank(string element) => element.Length == 0 ? 0 : element[0] switch
    {
        'f' => 1,
        'k' => 2,
        'v' => 3,
        _ => 4,
    };
}
