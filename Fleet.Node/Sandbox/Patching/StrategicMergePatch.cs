using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds, with the merge keys of <see cref="BuiltInMergeKeys"/>: keyed lists merge
/// item by item, other lists are replaced, <c>null</c> deletes, and the <c>$patch</c>, <c>$retainKeys</c>,
/// <c>$deleteFromPrimitiveList/</c> and <c>$setElementOrder/</c> directives are honoured.
/// </summary>
public static class StrategicMergePatch
{
    private const string Directive = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    private const string SetElementOrder = "$setElementOrder/";

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>.</summary>
    /// <exception cref="PatchException">The patch is malformed.</exception>
    public static JsonNode Apply(JsonNode target, JsonNode patch, string group, string kind)
    {
        if (patch is not JsonObject patchObject || target is not JsonObject targetObject)
        {
            throw PatchException.BadRequest("invalid JSON document");
        }

        var ctx = new Context(group, kind);
        return MergeMap((JsonObject)targetObject.DeepClone(), patchObject, string.Empty, ctx, depth: 0);
    }

    private static JsonObject MergeMap(JsonObject original, JsonObject patch, string path, Context ctx, int depth)
    {
        if (depth > 128)
        {
            throw PatchException.BadRequest("the patch nests too deeply");
        }

        if (patch.TryGetPropertyValue(Directive, out var directive))
        {
            switch (Text(directive))
            {
                case "replace":
                    return Clean(patch, path, ctx, depth);
                case "delete":
                    return [];
                case "merge":
                    break;
                default:
                    throw PatchException.BadRequest($"unknown patch type: {Text(directive) ?? directive?.ToJsonString()} in map: {GoMap(patch)}");
            }
        }

        if (patch.TryGetPropertyValue(RetainKeys, out var retain))
        {
            if (retain is not JsonArray retained || retained.Any(k => Text(k) is null))
            {
                throw PatchException.BadRequest("invalid patch format of retainKeys");
            }

            var keep = retained.Select(k => Text(k)!).ToHashSet(StringComparer.Ordinal);
            foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(key);
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                DeleteFromList(original, key[DeleteFromPrimitiveList.Length..], value);
                continue;
            }

            if (key.StartsWith('$'))
            {
                continue;
            }

            var childPath = FieldWalker.Join(path, key);
            var order = patch[SetElementOrder + key];
            if (value is null)
            {
                original.Remove(key);
            }
            else if (original[key] is JsonObject existingMap && value is JsonObject patchMap)
            {
                original[key] = MergeMap(existingMap, patchMap, childPath, ctx, depth + 1);
            }
            else if (original[key] is JsonArray existingList && value is JsonArray patchList)
            {
                original[key] = MergeList(existingList, patchList, order, childPath, ctx, depth + 1);
            }
            else
            {
                original[key] = value switch
                {
                    JsonObject map => MergeMap([], map, childPath, ctx, depth + 1),
                    JsonArray list => MergeList([], list, order, childPath, ctx, depth + 1),
                    _ => value.DeepClone(),
                };
            }
        }

        foreach (var (key, order) in patch)
        {
            if (key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                var field = key[SetElementOrder.Length..];
                if (order is not JsonArray)
                {
                    throw PatchException.BadRequest("invalid patch format of setElementOrder list");
                }

                var childPath = FieldWalker.Join(path, field);
                if (!patch.ContainsKey(field) && original[field] is JsonArray list
                    && BuiltInMergeKeys.ForStrategicMerge(ctx.Group, ctx.Kind, childPath) is { Type: not ListType.Atomic })
                {
                    original[field] = MergeList(list, [], order, childPath, ctx, depth + 1);
                }
            }
        }

        return original;
    }

    /// <summary>A patch value for a field the original lacks: merged into nothing, so directives and nulls drop out.</summary>
    private static JsonObject Clean(JsonObject patch, string path, Context ctx, int depth)
    {
        var withoutDirective = new JsonObject();
        foreach (var (key, value) in patch)
        {
            if (key != Directive)
            {
                withoutDirective[key] = value?.DeepClone();
            }
        }

        return MergeMap([], withoutDirective, path, ctx, depth + 1);
    }

    private static void DeleteFromList(JsonObject original, string field, JsonNode? values)
    {
        if (values is not JsonArray toDelete || toDelete.Any(v => v is JsonObject or JsonArray))
        {
            throw PatchException.BadRequest("invalid patch format of primitive list");
        }

        if (original[field] is JsonArray list)
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (toDelete.Any(v => JsonNode.DeepEquals(v, list[i])))
                {
                    list.RemoveAt(i);
                }
            }
        }
    }

    private static JsonArray MergeList(JsonArray original, JsonArray patch, JsonNode? setOrder, string path, Context ctx, int depth)
    {
        var spec = BuiltInMergeKeys.ForStrategicMerge(ctx.Group, ctx.Kind, path);
        if (spec is null || spec.Type == ListType.Atomic)
        {
            return (JsonArray)patch.DeepClone();
        }

        var key = spec.Type == ListType.Map ? spec.Keys[0] : null;
        var server = original.Select(i => i?.DeepClone()).ToList();
        List<JsonNode?> merged;
        List<JsonNode?> items;
        if (key is null)
        {
            items = PrimitiveItems(patch, out var replace);
            merged = replace ? [] : server.Select(i => i?.DeepClone()).ToList();
            foreach (var item in items.Where(i => !merged.Any(m => JsonNode.DeepEquals(m, i))))
            {
                merged.Add(item?.DeepClone());
            }
        }
        else
        {
            merged = MergeKeyedItems(server, patch, key, path, ctx, depth, out items);
        }

        var order = setOrder is JsonArray explicitOrder ? explicitOrder.ToList() : items;
        var inPatch = merged.Where(m => IndexOf(order, m, key) >= 0).OrderBy(m => IndexOf(order, m, key)).ToList();
        var serverOnly = merged.Where(m => IndexOf(order, m, key) < 0).OrderBy(m => IndexOf(server, m, key)).ToList();
        var result = new JsonArray();
        int i = 0, j = 0;
        while (i < serverOnly.Count || j < inPatch.Count)
        {
            bool takeServer;
            if (i >= serverOnly.Count)
            {
                takeServer = false;
            }
            else if (j >= inPatch.Count)
            {
                takeServer = true;
            }
            else
            {
                var left = IndexOf(server, serverOnly[i], key);
                var right = IndexOf(server, inPatch[j], key);
                takeServer = left >= 0 && right >= 0 && left < right;
            }

            result.Add(takeServer ? serverOnly[i++]?.DeepClone() : inPatch[j++]?.DeepClone());
        }

        return result;
    }

    private static List<JsonNode?> PrimitiveItems(JsonArray patch, out bool replace)
    {
        replace = false;
        var items = new List<JsonNode?>();
        foreach (var item in patch)
        {
            if (item is JsonObject obj && obj.TryGetPropertyValue(Directive, out var directive))
            {
                if (Text(directive) != "replace")
                {
                    throw PatchException.BadRequest($"unknown patch type: {Text(directive)} in map: {GoMap(obj)}");
                }

                replace = true;
                continue;
            }

            items.Add(item);
        }

        return items;
    }

    private static List<JsonNode?> MergeKeyedItems(List<JsonNode?> server, JsonArray patch, string key, string path, Context ctx, int depth, out List<JsonNode?> items)
    {
        var merged = server.Select(i => i?.DeepClone()).ToList();
        items = [];
        var replace = false;
        foreach (var item in patch)
        {
            if (item is not JsonObject obj)
            {
                throw PatchException.BadRequest($"unable to merge the list at {path}: the item {item?.ToJsonString() ?? "null"} is not an object");
            }

            if (!obj.TryGetPropertyValue(Directive, out var directive))
            {
                if (!obj.ContainsKey(key))
                {
                    throw PatchException.BadRequest($"map: {GoMap(obj)} does not contain declared merge key: {key}");
                }

                items.Add(obj);
                continue;
            }

            switch (Text(directive))
            {
                case "delete":
                    if (!obj.ContainsKey(key))
                    {
                        throw PatchException.BadRequest($"map: {GoMap(obj)} does not contain declared merge key: {key}");
                    }

                    merged.RemoveAll(m => m is JsonObject o && JsonNode.DeepEquals(o[key], obj[key]));
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw PatchException.BadRequest("merging lists cannot yet be specified in the patch");
                default:
                    throw PatchException.BadRequest($"unknown patch type: {Text(directive)} in map: {GoMap(obj)}");
            }
        }

        if (replace)
        {
            merged = items.Select(i => (JsonNode?)MergeMap([], (JsonObject)i!, path, ctx, depth + 1)).ToList();
            return merged;
        }

        foreach (var item in items)
        {
            var patchItem = (JsonObject)item!;
            var index = merged.FindIndex(m => m is JsonObject o && JsonNode.DeepEquals(o[key], patchItem[key]));
            if (index >= 0)
            {
                merged[index] = MergeMap((JsonObject)merged[index]!, patchItem, path, ctx, depth + 1);
            }
            else
            {
                merged.Add(MergeMap([], patchItem, path, ctx, depth + 1));
            }
        }

        return merged;
    }

    private static int IndexOf(List<JsonNode?> list, JsonNode? item, string? key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var matches = key is null
                ? JsonNode.DeepEquals(list[i], item)
                : list[i] is JsonObject a && item is JsonObject b && a[key] is not null && JsonNode.DeepEquals(a[key], b[key]);
            if (matches)
            {
                return i;
            }
        }

        return -1;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A map as Go's <c>%v</c> prints it, for error messages.</summary>
    private static string GoMap(JsonObject map) =>
        "map[" + string.Join(" ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + (Text(p.Value) ?? p.Value?.ToJsonString() ?? "<nil>"))) + "]";

    private sealed record Context(string Group, string Kind);
}
