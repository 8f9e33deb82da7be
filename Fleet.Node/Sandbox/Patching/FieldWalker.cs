using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>Builds field sets from objects, and the sets of fields that differ between two objects.</summary>
internal static class FieldWalker
{
    /// <summary>Compact JSON without HTML escaping, as list keys and set values are written in FieldsV1.</summary>
    public static readonly JsonSerializerOptions KeyJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Fields the API server never records as owned (its <c>stripMeta</c> set).</summary>
    public static readonly FieldSet Stripped = FieldSet.FromFieldsV1(JsonNode.Parse("""
        {"f:apiVersion":{},"f:kind":{},"f:metadata":{".":{},"f:name":{},"f:namespace":{},"f:creationTimestamp":{},"f:selfLink":{},
         "f:uid":{},"f:clusterName":{},"f:generation":{},"f:managedFields":{},"f:resourceVersion":{}}}
        """));

    /// <summary>Object fields that are non-pointer structs in the Go types: always present, so never "added" themselves.</summary>
    private static readonly HashSet<string> AlwaysPresentStructs = ["metadata", "spec", "status", "template", "strategy", "updateStrategy", "jobTemplate", "resources"];

    /// <summary>List fields without <c>omitempty</c> in the Go types: present (as null) in the zero object, so never "added" themselves.</summary>
    private static readonly HashSet<string> AlwaysPresentLists = ["containers", "rules"];

    public static void CollectObject(JsonObject obj, FieldSet node, string path, ListContext ctx)
    {
        foreach (var (key, value) in obj)
        {
            CollectValue(value, node.GetOrAddChild("f:" + key), Join(path, key), ctx);
        }
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>The FieldsV1 element of a map-list item, e.g. <c>k:{"name":"c"}</c>; null when a key is missing.</summary>
    public static string? ItemKey(JsonNode? item, ListSpec spec)
    {
        if (item is not JsonObject obj)
        {
            return null;
        }

        var key = new JsonObject();
        foreach (var name in spec.Keys.Order(StringComparer.Ordinal))
        {
            var value = obj[name];
            if (value is null)
            {
                if (name != "protocol")
                {
                    return null;
                }

                value = JsonValue.Create("TCP");
            }

            key[name] = value.DeepClone();
        }

        return "k:" + key.ToJsonString(KeyJson);
    }

    public static string SetValueKey(JsonNode? item) => "v:" + (item is null ? "null" : item.ToJsonString(KeyJson));

    /// <summary>Fields of <paramref name="after"/> that are new or differ from <paramref name="before"/>, and fields it dropped.</summary>
    public static (FieldSet Changed, FieldSet Removed) Diff(JsonObject? before, JsonObject after, ListContext ctx)
    {
        var changed = FieldSet.NewBuilder();
        var removed = FieldSet.NewBuilder();
        DiffObject(before ?? [], after, changed, removed, string.Empty, ctx);
        return (changed.Pruned().Difference(Stripped), removed.Pruned().Difference(Stripped));
    }

    private static void CollectValue(JsonNode? value, FieldSet node, string path, ListContext ctx)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0 && !ctx.IsAtomicMap(path):
                CollectObject(obj, node, path, ctx);
                break;
            case JsonArray array:
                CollectList(array, node, path, ctx);
                break;
            default:
                node.MarkMember();
                break;
        }
    }

    private static void CollectList(JsonArray array, FieldSet node, string path, ListContext ctx)
    {
        var spec = ctx.Resolve(path);
        if (array.Count == 0 || spec.Type == ListType.Atomic || (spec.Type == ListType.Map && !AllKeyed(array, spec, path, ctx)))
        {
            node.MarkMember();
            return;
        }

        foreach (var item in array)
        {
            if (spec.Type == ListType.Set)
            {
                node.GetOrAddChild(SetValueKey(item)).MarkMember();
                continue;
            }

            var child = node.GetOrAddChild(ItemKey(item, spec)!);
            child.MarkMember();
            CollectObject((JsonObject)item!, child, path, ctx);
        }
    }

    private static bool AllKeyed(JsonArray array, ListSpec spec, string path, ListContext ctx)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (ItemKey(array[i], spec) is null)
            {
                if (ctx.Strict)
                {
                    var missing = array[i] is JsonObject obj ? spec.Keys.First(k => obj[k] is null) : spec.Keys[0];
                    throw new PatchException(500, "InternalError",
                        $"failed to create typed patch object: .{path}: element {i}: associative list with keys has an element that omits key field \"{missing}\" (and doesn't have default value)");
                }

                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a whole value that appeared (or disappeared) at <paramref name="node"/>.</summary>
    private static void AddAll(JsonNode? value, FieldSet node, string path, string name, ListContext ctx, bool isListItem, bool inNewItem = false)
    {
        if (value is JsonObject { Count: 0 } && !inNewItem && AlwaysPresentStructs.Contains(name))
        {
            // The Go zero object already holds this empty struct, so writing it changes nothing.
            return;
        }

        switch (value)
        {
            case JsonObject obj when obj.Count > 0 && !ctx.IsAtomicMap(path):
                if (isListItem || !AlwaysPresentStructs.Contains(name))
                {
                    node.MarkMember();
                }

                foreach (var (key, child) in obj)
                {
                    AddAll(child, node.GetOrAddChild("f:" + key), Join(path, key), key, ctx, isListItem: false, inNewItem || isListItem);
                }

                break;
            case JsonArray array:
                var spec = ctx.Resolve(path);
                if (array.Count == 0 || spec.Type == ListType.Atomic || (spec.Type == ListType.Map && !AllKeyed(array, spec, path, ctx)))
                {
                    node.MarkMember();
                    break;
                }

                if (!AlwaysPresentLists.Contains(name))
                {
                    node.MarkMember();
                }

                foreach (var item in array)
                {
                    if (spec.Type == ListType.Set)
                    {
                        node.GetOrAddChild(SetValueKey(item)).MarkMember();
                    }
                    else
                    {
                        AddAll(item, node.GetOrAddChild(ItemKey(item, spec)!), path, name, ctx, isListItem: true, inNewItem: true);
                    }
                }

                break;
            default:
                node.MarkMember();
                break;
        }
    }

    private static void DiffObject(JsonObject before, JsonObject after, FieldSet changed, FieldSet removed, string path, ListContext ctx)
    {
        foreach (var (key, value) in after)
        {
            var childPath = Join(path, key);
            if (!before.TryGetPropertyValue(key, out var old))
            {
                AddAll(value, changed.GetOrAddChild("f:" + key), childPath, key, ctx, isListItem: false);
            }
            else
            {
                DiffValue(old, value, changed, removed, "f:" + key, childPath, key, ctx);
            }
        }

        foreach (var (key, value) in before)
        {
            if (!after.ContainsKey(key))
            {
                AddAll(value, removed.GetOrAddChild("f:" + key), Join(path, key), key, ctx, isListItem: false);
                removed.GetOrAddChild("f:" + key).MarkMember();
            }
        }
    }

    private static void DiffValue(JsonNode? before, JsonNode? after, FieldSet changed, FieldSet removed, string element, string path, string name, ListContext ctx)
    {
        if (before is JsonObject oldObj && after is JsonObject newObj && oldObj.Count > 0 && newObj.Count > 0 && !ctx.IsAtomicMap(path))
        {
            DiffObject(oldObj, newObj, changed.GetOrAddChild(element), removed.GetOrAddChild(element), path, ctx);
        }
        else if (before is JsonArray oldList && after is JsonArray newList && DiffList(oldList, newList, changed, removed, element, path, ctx))
        {
            return;
        }
        else if (!JsonNode.DeepEquals(before, after))
        {
            AddAll(after, changed.GetOrAddChild(element), path, name, ctx, isListItem: false);
            changed.GetOrAddChild(element).MarkMember();
        }
    }

    /// <summary>Diffs keyed lists and sets item by item; returns false for lists compared as a whole.</summary>
    private static bool DiffList(JsonArray before, JsonArray after, FieldSet changed, FieldSet removed, string element, string path, ListContext ctx)
    {
        var spec = ctx.Resolve(path);
        if (spec.Type == ListType.Atomic || before.Count == 0 || after.Count == 0)
        {
            return false;
        }

        if (spec.Type == ListType.Set)
        {
            var oldValues = before.Select(SetValueKey).ToHashSet(StringComparer.Ordinal);
            var newValues = after.Select(SetValueKey).ToHashSet(StringComparer.Ordinal);
            foreach (var value in newValues.Where(v => !oldValues.Contains(v)))
            {
                changed.GetOrAddChild(element).GetOrAddChild(value).MarkMember();
            }

            foreach (var value in oldValues.Where(v => !newValues.Contains(v)))
            {
                removed.GetOrAddChild(element).GetOrAddChild(value).MarkMember();
            }

            return true;
        }

        var strict = ctx with { Strict = false };
        if (!AllKeyed(before, spec, path, strict) || !AllKeyed(after, spec, path, strict))
        {
            return false;
        }

        var oldItems = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var item in before)
        {
            oldItems.TryAdd(ItemKey(item, spec)!, item);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in after)
        {
            var key = ItemKey(item, spec)!;
            seen.Add(key);
            if (oldItems.TryGetValue(key, out var old))
            {
                DiffObject((JsonObject)old!, (JsonObject)item!, changed.GetOrAddChild(element).GetOrAddChild(key), removed.GetOrAddChild(element).GetOrAddChild(key), path, ctx);
            }
            else
            {
                AddAll(item, changed.GetOrAddChild(element).GetOrAddChild(key), path, string.Empty, ctx, isListItem: true, inNewItem: true);
            }
        }

        foreach (var (key, old) in oldItems)
        {
            if (!seen.Contains(key))
            {
                AddAll(old, removed.GetOrAddChild(element).GetOrAddChild(key), path, string.Empty, ctx, isListItem: true, inNewItem: true);
            }
        }

        return true;
    }
}
