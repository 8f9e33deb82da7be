using System.Globalization;
using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>
/// JSON patch (RFC 6902) with the behaviour and error texts of the library the API server uses
/// (negative array indices allowed, <c>replace</c> of a missing object key sets it).
/// </summary>
public static class JsonPatch
{
    private const string Missing = ": missing value";
    private const string InvalidIndex = ": invalid index referenced";

    /// <summary>Applies <paramref name="operations"/> (a JSON array) to a copy of <paramref name="target"/>.</summary>
    /// <exception cref="PatchException">The patch is malformed (400) or an operation does not apply (422).</exception>
    public static JsonNode Apply(JsonNode target, JsonNode operations)
    {
        if (operations is not JsonArray ops)
        {
            throw PatchException.BadRequest($"json: cannot unmarshal {GoTypeName(operations)} into Go value of type jsonpatch.Patch");
        }

        foreach (var op in ops)
        {
            if (op is not JsonObject)
            {
                throw PatchException.BadRequest($"json: cannot unmarshal {GoTypeName(op)} into Go value of type jsonpatch.Operation");
            }
        }

        var doc = target.DeepClone();
        foreach (var op in ops)
        {
            var error = ApplyOne(doc, (JsonObject)op!);
            if (error is not null)
            {
                throw PatchException.DoesNotApply(error);
            }
        }

        return doc;
    }

    private static string? ApplyOne(JsonNode doc, JsonObject op)
    {
        var kind = op["op"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "unknown";
        var path = ReadString(op, "path");
        var from = ReadString(op, "from");
        var hasValue = op.TryGetPropertyValue("value", out var value);
        return kind switch
        {
            "add" => path is null ? "add operation failed to decode path" + Missing : Add(doc, path, value?.DeepClone()),
            "remove" => path is null ? "remove operation failed to decode path" + Missing : Remove(doc, path),
            "replace" => path is null ? "replace operation failed to decode path: operation missing path field" + Missing : Replace(doc, path, value?.DeepClone()),
            "move" => from is null ? "move operation failed to decode from: operation, missing from field" + Missing
                : path is null ? "move operation failed to decode path: operation missing path field" + Missing : Move(doc, from, path),
            "copy" => from is null ? "copy operation failed to decode from: operation, missing from field" + Missing
                : path is null ? "copy operation failed to decode path" + Missing : Copy(doc, from, path),
            "test" => path is null ? "test operation failed to decode path: operation missing path field" + Missing : Test(doc, path, hasValue, value),
            _ => "Unexpected kind: " + kind,
        };
    }

    private static string? ReadString(JsonObject op, string name) =>
        op[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? Add(JsonNode doc, string path, JsonNode? value)
    {
        var (parent, key) = FindParent(doc, path);
        if (parent is null)
        {
            return $"add operation does not apply: doc is missing path: \"{path}\"" + Missing;
        }

        var error = AddTo(parent, key, value);
        return error is null ? null : $"error in add for path: '{path}': {error}";
    }

    private static string? AddTo(JsonNode parent, string key, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key] = value;
            return null;
        }

        var array = (JsonArray)parent;
        if (key == "-")
        {
            array.Add(value);
            return null;
        }

        if (!int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return $"value was not a proper array index: '{key}': strconv.Atoi: parsing \"{key}\": invalid syntax";
        }

        var size = array.Count + 1;
        if (index >= size || index < -size)
        {
            return $"Unable to access invalid index: {index}" + InvalidIndex;
        }

        if (index < 0)
        {
            index += size;
        }

        array.Insert(index, value);
        return null;
    }

    private static string? Remove(JsonNode doc, string path)
    {
        var (parent, key) = FindParent(doc, path);
        if (parent is null)
        {
            return $"remove operation does not apply: doc is missing path: \"{path}\"" + Missing;
        }

        var error = RemoveFrom(parent, key, out _);
        return error is null ? null : $"error in remove for path: '{path}': {error}";
    }

    private static string? RemoveFrom(JsonNode parent, string key, out JsonNode? removed)
    {
        removed = null;
        if (parent is JsonObject obj)
        {
            if (!obj.TryGetPropertyValue(key, out removed))
            {
                return $"Unable to remove nonexistent key: {key}" + Missing;
            }

            obj.Remove(key);
            return null;
        }

        var array = (JsonArray)parent;
        if (!int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return $"strconv.Atoi: parsing \"{key}\": invalid syntax";
        }

        if (index >= array.Count || index < -array.Count)
        {
            return $"Unable to access invalid index: {index}" + InvalidIndex;
        }

        if (index < 0)
        {
            index += array.Count;
        }

        removed = array[index];
        array.RemoveAt(index);
        return null;
    }

    private static string? Replace(JsonNode doc, string path, JsonNode? value)
    {
        var (parent, key) = FindParent(doc, path);
        if (parent is null)
        {
            return $"replace operation does not apply: doc is missing path: {path}" + Missing;
        }

        if (parent is JsonObject obj)
        {
            obj[key] = value;
            return null;
        }

        var array = (JsonArray)parent;
        if (!TryIndex(array, key, out var index))
        {
            return $"replace operation does not apply: doc is missing key: {path}" + Missing;
        }

        array[index] = value;
        return null;
    }

    private static string? Move(JsonNode doc, string from, string path)
    {
        var (source, sourceKey) = FindParent(doc, from);
        if (source is null)
        {
            return $"move operation does not apply: doc is missing from path: {from}" + Missing;
        }

        var error = RemoveFrom(source, sourceKey, out var value);
        if (error is not null)
        {
            return $"error in move for path: '{sourceKey}': {error}";
        }

        var (parent, key) = FindParent(doc, path);
        if (parent is null)
        {
            return $"move operation does not apply: doc is missing destination path: {path}" + Missing;
        }

        error = AddTo(parent, key, value);
        return error is null ? null : $"error in move for path: '{path}': {error}";
    }

    private static string? Copy(JsonNode doc, string from, string path)
    {
        var (source, sourceKey) = FindParent(doc, from);
        if (source is null)
        {
            return $"copy operation does not apply: doc is missing from path: {from}" + Missing;
        }

        if (!TryGet(source, sourceKey, out var value))
        {
            return $"error in copy for from: '{from}': Unable to access invalid index: {sourceKey}" + InvalidIndex;
        }

        var (parent, key) = FindParent(doc, path);
        if (parent is null)
        {
            return $"copy operation does not apply: doc is missing destination path: {path}" + Missing;
        }

        var error = AddTo(parent, key, value?.DeepClone());
        return error is null ? null : $"error while adding value during copy: {error}";
    }

    private static string? Test(JsonNode doc, string path, bool hasValue, JsonNode? expected)
    {
        var (parent, key) = FindParent(doc, path);
        if (parent is null)
        {
            return $"test operation does not apply: is missing path: {path}" + Missing;
        }

        if (parent is JsonArray array && !TryIndex(array, key, out _))
        {
            return $"error in test for path: '{path}': Unable to access invalid index: {key}" + InvalidIndex;
        }

        TryGet(parent, key, out var actual);
        var equal = actual is null ? expected is null : hasValue && JsonNode.DeepEquals(actual, expected);
        return equal ? null : $"testing value {path} failed: test failed";
    }

    private static bool TryGet(JsonNode parent, string key, out JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            return obj.TryGetPropertyValue(key, out value);
        }

        var array = (JsonArray)parent;
        if (TryIndex(array, key, out var index))
        {
            value = array[index];
            return true;
        }

        value = null;
        return false;
    }

    private static bool TryIndex(JsonArray array, string key, out int index) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < array.Count;

    /// <summary>The container holding the last path segment, or null when an intermediate segment is missing.</summary>
    private static (JsonNode? Parent, string Key) FindParent(JsonNode doc, string path)
    {
        var segments = path.Split('/');
        if (segments.Length < 2)
        {
            return (null, string.Empty);
        }

        var current = doc;
        for (var i = 1; i < segments.Length - 1; i++)
        {
            if (!TryGet(current, Unescape(segments[i]), out var next) || next is not (JsonObject or JsonArray))
            {
                return (null, string.Empty);
            }

            current = next;
        }

        return (current, Unescape(segments[^1]));
    }

    private static string Unescape(string segment) =>
        segment.Contains('~') ? segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal) : segment;

    private static string GoTypeName(JsonNode? node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        null => "null",
        _ => node.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            _ => "bool",
        },
    };
}
