using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;
using k8s.Models;

namespace Fleet.Actors.Kube.Crds;

/// <summary>
/// Derives a structural OpenAPI v3 schema from an API type, as controller-gen derives Flux's from Go types:
/// the CLR shape gives the types, data annotations give the validation, keys come out sorted.
/// </summary>
public static class CrdSchemaGenerator
{
    private const string PreserveUnknownFields = "x-kubernetes-preserve-unknown-fields";

    /// <summary>The schema of a whole object, described by the type's <see cref="DescriptionAttribute"/>.</summary>
    public static JsonObject ForType(Type type)
    {
        var schema = ForValue(type);
        if (type.GetCustomAttribute<DescriptionAttribute>() is { } description)
        {
            schema["description"] = description.Description;
        }
        return SortKeys(schema);
    }

    /// <summary>The properties that appear in JSON; each must name itself with <see cref="JsonPropertyNameAttribute"/>.</summary>
    private static IEnumerable<(string Name, PropertyInfo Property)> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !p.IsDefined(typeof(JsonIgnoreAttribute)))
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{type.Name}.{p.Name} has no [JsonPropertyName]"), p))
            .OrderBy(p => p.Item1, StringComparer.Ordinal);

    private static Type? ListItemType(Type type) =>
        type != typeof(string) && DictionaryValueType(type) is null
            ? FindGeneric(type, typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;

    private static Type? DictionaryValueType(Type type) =>
        FindGeneric(type, typeof(IReadOnlyDictionary<,>))?.GetGenericArguments() is [var key, var value] && key == typeof(string) ? value : null;

    private static JsonObject ForValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(GoDuration))
        {
            return Typed("string");
        }
        if (type == typeof(bool))
        {
            return Typed("boolean");
        }
        if (type == typeof(int))
        {
            return Typed("integer", "int32");
        }
        if (type == typeof(long))
        {
            return Typed("integer", "int64");
        }
        if (type == typeof(DateTime))
        {
            return Typed("string", "date-time");
        }
        if (type == typeof(V1ObjectMeta))
        {
            // The API server owns metadata's schema; a CRD may not restate it.
            return Typed("object");
        }
        if (typeof(JsonNode).IsAssignableFrom(type))
        {
            return new JsonObject { [PreserveUnknownFields] = true };
        }
        if (DictionaryValueType(type) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ForValue(valueType) };
        }
        if (ListItemType(type) is { } itemType)
        {
            return new JsonObject { ["type"] = "array", ["items"] = ForValue(itemType) };
        }
        if (type.IsClass && type.Namespace?.StartsWith("Fleet.Messages.Api", StringComparison.Ordinal) == true)
        {
            return ForObject(type);
        }
        throw new NotSupportedException($"no OpenAPI schema for {type}");
    }

    private static JsonObject ForObject(Type type)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, property) in JsonProperties(type))
        {
            properties[name] = ForProperty(property);
            if (property.IsDefined(typeof(RequiredAttribute)))
            {
                required.Add(name);
            }
        }
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }
        return schema;
    }

    private static JsonObject ForProperty(PropertyInfo property)
    {
        var schema = ForValue(property.PropertyType);
        // Enums and patterns constrain the values; on a list that means its items.
        var values = schema["items"] as JsonObject ?? schema;
        var isArray = (string?)schema["type"] == "array";
        foreach (var attribute in property.GetCustomAttributes())
        {
            switch (attribute)
            {
                case DescriptionAttribute description:
                    schema["description"] = description.Description;
                    break;
                case AllowedValuesAttribute allowed:
                    values["enum"] = new JsonArray(allowed.Values.Select(ToNode).ToArray());
                    break;
                case RegularExpressionAttribute regex:
                    values["pattern"] = regex.Pattern;
                    break;
                case DefaultValueAttribute defaultValue:
                    schema["default"] = ToNode(defaultValue.Value);
                    break;
                case RangeAttribute range:
                    schema["minimum"] = ToNode(range.Minimum);
                    schema["maximum"] = ToNode(range.Maximum);
                    break;
                case LengthAttribute length:
                    schema[isArray ? "minItems" : "minLength"] = length.MinimumLength;
                    schema[isArray ? "maxItems" : "maxLength"] = length.MaximumLength;
                    break;
                case MinLengthAttribute minLength:
                    schema[isArray ? "minItems" : "minLength"] = minLength.Length;
                    break;
                case MaxLengthAttribute maxLength:
                    schema[isArray ? "maxItems" : "maxLength"] = maxLength.Length;
                    break;
            }
        }
        return schema;
    }

    private static JsonObject Typed(string type, string? format = null)
    {
        var schema = new JsonObject { ["type"] = type };
        if (format is not null)
        {
            schema["format"] = format;
        }
        return schema;
    }

    private static JsonNode? ToNode(object? value) => JsonSerializer.SerializeToNode(value, value?.GetType() ?? typeof(object));

    private static Type? FindGeneric(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    /// <summary>Orders every object's keys, as controller-gen writes them, so output is stable and diffable.</summary>
    internal static JsonObject SortKeys(JsonObject node) => (JsonObject)JsonKeyOrder.Sorted(node)!;
}
