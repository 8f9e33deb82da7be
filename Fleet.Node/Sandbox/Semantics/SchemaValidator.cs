using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Objects;

namespace Fleet.Node.Sandbox.Semantics;

/// <summary>
/// Structural-schema handling of custom resources, as the API server does it: apply <c>default</c>s, prune fields
/// the schema does not declare (unless <c>x-kubernetes-preserve-unknown-fields</c>), then validate types, required
/// fields, enums, bounds and patterns, with the server's error wording.
/// </summary>
public static class SchemaValidator
{
    private static readonly HashSet<string> RootFields = ["apiVersion", "kind", "metadata"];

    /// <summary>Defaults, prunes and validates <paramref name="obj"/> in place; returns the field errors.</summary>
    public static IReadOnlyList<FieldError> Process(JsonObject schema, JsonObject obj) => Process(schema, obj, []);

    /// <summary>As <see cref="Process(JsonObject, JsonObject)"/>, also collecting the paths of pruned unknown fields
    /// (for <c>fieldValidation=Strict</c>).</summary>
    public static IReadOnlyList<FieldError> Process(JsonObject schema, JsonObject obj, List<string> pruned)
    {
        var errors = new List<FieldError>();
        Visit(schema, obj, "", errors, pruned, root: true);
        return errors;
    }

    private static void Visit(JsonObject schema, JsonNode? node, string path, List<FieldError> errors, List<string> pruned, bool root = false)
    {
        if (node is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true && path.Length > 0)
            {
                errors.Add(Invalid(path, "null", $"{path} in body must be of type {schema["type"]?.GetValue<string>() ?? "object"}: \"null\""));
            }

            return;
        }

        var type = schema["type"]?.GetValue<string>();
        if (type is not null && !HasType(node, type) && schema["x-kubernetes-int-or-string"]?.GetValue<bool>() != true)
        {
            errors.Add(Invalid(path, $"\"{TypeName(node)}\"", $"{path} in body must be of type {type}: \"{TypeName(node)}\""));
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                VisitObject(schema, obj, path, errors, pruned, root);
                break;
            case JsonArray array:
                if (JsonNumber.AsLong(schema["maxItems"]) is long maxItems && array.Count > maxItems)
                {
                    errors.Add(new FieldError("FieldValueTooMany", path, $"Too many: {array.Count}: must have at most {maxItems} items"));
                }

                if (JsonNumber.AsLong(schema["minItems"]) is long minItems && array.Count < minItems)
                {
                    errors.Add(Invalid(path, Show(node), $"{path} in body should have at least {minItems} items"));
                }

                if (schema["items"] is JsonObject items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Visit(items, array[i], $"{path}[{i}]", errors, pruned);
                    }
                }

                break;
            case JsonValue value:
                VisitValue(schema, value, path, errors);
                break;
        }
    }

    private static void VisitObject(JsonObject schema, JsonObject obj, string path, List<FieldError> errors, List<string> pruned, bool root)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        if (properties is not null)
        {
            foreach (var (name, propertySchema) in properties)
            {
                if (obj[name] is null && propertySchema?["default"] is { } defaultValue && !obj.ContainsKey(name))
                {
                    obj[name] = defaultValue.DeepClone();
                }
            }
        }

        foreach (var (name, child) in obj.ToList())
        {
            if (root && RootFields.Contains(name))
            {
                continue;
            }

            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (properties?[name] is JsonObject childSchema)
            {
                Visit(childSchema, child, childPath, errors, pruned);
            }
            else if (additional is not null)
            {
                Visit(additional, child, childPath, errors, pruned);
            }
            else if (!preserve && (properties is not null || schema["type"]?.GetValue<string>() == "object"))
            {
                obj.Remove(name);
                pruned.Add(childPath);
            }
        }

        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r!.GetValue<string>()))
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add(new FieldError("FieldValueRequired", path.Length == 0 ? name : $"{path}.{name}", "Required value"));
                }
            }
        }
    }

    private static void VisitValue(JsonObject schema, JsonValue value, string path, List<FieldError> errors)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add(new FieldError("FieldValueNotSupported", path, $"Unsupported value: {Show(value)}: supported values: {string.Join(", ", allowed.Select(a => Show(a)))}"));
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            var number = double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
            if (schema["minimum"] is JsonValue min && number < double.Parse(min.ToJsonString(), CultureInfo.InvariantCulture))
            {
                errors.Add(Invalid(path, Show(value), $"{path} in body should be greater than or equal to {min.ToJsonString()}"));
            }

            if (schema["maximum"] is JsonValue max && number > double.Parse(max.ToJsonString(), CultureInfo.InvariantCulture))
            {
                errors.Add(Invalid(path, Show(value), $"{path} in body should be less than or equal to {max.ToJsonString()}"));
            }
        }

        if (value.TryGetValue<string>(out var text))
        {
            if (JsonNumber.AsLong(schema["maxLength"]) is long maxLength && text.Length > maxLength)
            {
                errors.Add(new FieldError("FieldValueTooLong", path, $"Too long: may not be more than {maxLength} bytes"));
            }

            if (JsonNumber.AsLong(schema["minLength"]) is long minLength && text.Length < minLength)
            {
                errors.Add(Invalid(path, Show(value), $"{path} in body should be at least {minLength} chars long"));
            }

            if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                errors.Add(Invalid(path, Show(value), $"{path} in body should match '{pattern}'"));
            }
        }
    }

    private static bool HasType(JsonNode node, string type) => (type, node) switch
    {
        ("object", JsonObject) => true,
        ("array", JsonArray) => true,
        ("string", JsonValue v) => v.GetValueKind() == JsonValueKind.String,
        ("boolean", JsonValue v) => v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        ("number", JsonValue v) => v.GetValueKind() == JsonValueKind.Number,
        ("integer", JsonValue v) => v.GetValueKind() == JsonValueKind.Number && JsonNumber.AsLong(v) is not null,
        _ => false,
    };

    private static string TypeName(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => JsonNumber.AsLong(v) is null ? "number" : "integer",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "null",
    };

    private static string Show(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"\"{v.GetValue<string>()}\"",
        null => "null",
        _ => node.ToJsonString(),
    };

    private static FieldError Invalid(string path, string shown, string detail) => new("FieldValueInvalid", path, $"Invalid value: {shown}: {detail}");
}
