using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Validation;

/// <summary>
/// Checks a body against a built-in kind's typed model as the real server's JSON decoding does: a value of the wrong
/// JSON type is a decode error (Go's wording: <c>json: cannot unmarshal string into Go struct field
/// DeploymentSpec.spec.replicas of type int32</c>), and a field the model does not declare is an unknown field.
/// </summary>
public static class TypedDecoder
{
    public static List<DecodeIssue> Check(Type model, JsonObject body)
    {
        var issues = new List<DecodeIssue>();
        VisitObject(model, body, "", "", [], issues);
        return issues;
    }

    /// <summary>Removes the unknown fields <paramref name="issues"/> names (the server drops what its types cannot hold).</summary>
    public static void DropUnknown(JsonObject body, IEnumerable<DecodeIssue> issues)
    {
        foreach (var issue in issues.Where(i => i.IsUnknownField).Reverse())
        {
            Remove(body, issue.Path);
        }
    }

    private static void VisitObject(Type model, JsonObject obj, string path, string applyPath, List<string> stack, List<DecodeIssue> issues)
    {
        var fields = BuiltInModels.FieldsOf(model);
        foreach (var (name, value) in obj.ToList())
        {
            var fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            var fieldApplyPath = $"{applyPath}.{name}";
            if (!fields.TryGetValue(name, out var fieldType))
            {
                issues.Add(new DecodeIssue(fieldPath, fieldApplyPath, null, null));
                continue;
            }

            Visit(fieldType, value, fieldPath, fieldApplyPath, [.. stack, name], BuiltInModels.GoStruct(model), issues);
        }
    }

    private static void Visit(Type type, JsonNode? node, string path, string applyPath, List<string> stack, string goStruct, List<DecodeIssue> issues)
    {
        if (node is null)
        {
            return;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        var kind = node.GetValueKind();
        if (type == typeof(object))
        {
            return;
        }

        if (Expected(type) is var (accepts, goType, applyExpectation) && !accepts(node))
        {
            var value = kind == JsonValueKind.Number ? "number " + node.ToJsonString() : GoKind(kind);
            issues.Add(new DecodeIssue(
                path,
                applyPath,
                $"json: cannot unmarshal {(kind == JsonValueKind.Number && IsInteger(type) ? value : GoKind(kind))} into Go struct field {goStruct}.{string.Join('.', stack)} of type {goType}",
                $"expected {applyExpectation}, got {ApplyKind(kind)}"));
            return;
        }

        if (DictionaryValue(type) is { } valueType && node is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                Visit(valueType, value, $"{path}[{key}]", $"{applyPath}.{key}", stack, goStruct, issues);
            }
        }
        else if (ListItem(type) is { } itemType && node is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var key = list[i] is JsonObject o && o["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? $"[name=\"{n.GetValue<string>()}\"]" : $"[{i}]";
                if (BuiltInModels.IsModel(itemType) && list[i] is JsonObject item)
                {
                    VisitObject(itemType, item, $"{path}[{i}]", applyPath + key, stack, issues);
                }
                else
                {
                    Visit(itemType, list[i], $"{path}[{i}]", applyPath + key, stack, goStruct, issues);
                }
            }
        }
        else if (BuiltInModels.IsModel(type) && node is JsonObject child)
        {
            VisitObject(type, child, path, applyPath, stack, issues);
        }
    }

    /// <summary>What JSON a CLR type accepts, its Go type name, and the apply error's wording of it.</summary>
    private static (Func<JsonNode, bool> Accepts, string GoType, string Apply)? Expected(Type type)
    {
        static bool Is(JsonNode n, params JsonValueKind[] kinds) => kinds.Contains(n.GetValueKind());
        if (type == typeof(string) || type == typeof(DateTime) || type == typeof(byte[]))
        {
            var go = type == typeof(DateTime) ? "v1.Time" : type == typeof(byte[]) ? "[]uint8" : "string";
            return (n => Is(n, JsonValueKind.String), go, "string");
        }

        if (IsInteger(type))
        {
            return (n => Is(n, JsonValueKind.Number) && n.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0, type == typeof(long) ? "int64" : "int32", "numeric (int or float)");
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return (n => Is(n, JsonValueKind.Number), "float64", "numeric (int or float)");
        }

        if (type == typeof(bool))
        {
            return (n => Is(n, JsonValueKind.True, JsonValueKind.False), "bool", "boolean");
        }

        if (BuiltInModels.IsScalarLike(type))
        {
            return (n => Is(n, JsonValueKind.String, JsonValueKind.Number), type.Name.Contains("IntOrString", StringComparison.Ordinal) ? "intstr.IntOrString" : "resource.Quantity", "string or number");
        }

        if (DictionaryValue(type) is { } value)
        {
            return (n => n is JsonObject, $"map[string]{GoTypeOf(value)}", "map");
        }

        if (ListItem(type) is { } item)
        {
            return (n => n is JsonArray, $"[]{GoTypeOf(item)}", "list");
        }

        if (BuiltInModels.IsModel(type))
        {
            return (n => n is JsonObject, BuiltInModels.GoName(type), "map");
        }

        return null;
    }

    private static string GoTypeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return Expected(type)?.GoType ?? "interface {}";
    }

    private static bool IsInteger(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(short);

    private static Type? DictionaryValue(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var key, var value] && key == typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) ? value : null;

    private static Type? ListItem(Type type) =>
        type != typeof(string) && type != typeof(byte[]) && type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(IEnumerable).IsAssignableFrom(type) ? item : null;

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        _ => "object",
    };

    private static string ApplyKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "list",
        _ => "map",
    };

    private static void Remove(JsonObject body, string path)
    {
        JsonNode? node = body;
        var segments = Segments(path);
        foreach (var segment in segments[..^1])
        {
            node = segment switch
            {
                int i when node is JsonArray a && i < a.Count => a[i],
                string s when node is JsonObject o => o[s],
                _ => null,
            };
        }

        if (node is JsonObject parent && segments[^1] is string last)
        {
            parent.Remove(last);
        }
    }

    /// <summary><c>a.b[2].c</c> → "a", "b", 2, "c"; a map key in brackets (<c>data[k]</c>) stays a string.</summary>
    private static object[] Segments(string path)
    {
        var segments = new List<object>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            segments.Add(bracket < 0 ? part : part[..bracket]);
            for (var rest = bracket < 0 ? "" : part[bracket..]; rest.Length > 0;)
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                var inner = rest[1..close];
                segments.Add(int.TryParse(inner, out var i) ? i : inner);
                rest = rest[(close + 1)..];
            }
        }

        return [.. segments];
    }
}
