using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Fleet.Tests.Support;

/// <summary>
/// Finds the JSON fields of a Fleet API type that a document leaves unset, so that a sample meant to
/// exercise every field fails its test as soon as the type gains a field the sample lacks.
/// </summary>
public static class JsonFieldCoverage
{
    /// <summary>
    /// Paths (e.g. <c>spec.resources[].filter</c>) of the fields of <paramref name="type"/> that none of
    /// <paramref name="documents"/> sets; a field inside a list or map counts as set if any element sets it.
    /// </summary>
    public static IReadOnlySet<string> UnsetFields(Type type, IEnumerable<JsonNode?> documents) => Intersect(documents.Select(d => Unset(type, d, "")));

    private static HashSet<string> Unset(Type type, JsonNode? node, string path)
    {
        var unset = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name is not { } name)
            {
                continue;
            }
            var fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            var (element, shape) = Describe(property.PropertyType);
            var walkable = IsApiRecord(element);
            if (walkable && JsonProperties(element).Count == 0)
            {
                // A deliberately empty record (the status of a static kind) has nothing to set.
                continue;
            }
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out var value) || value is null)
            {
                unset.Add(fieldPath);
                continue;
            }
            if (!walkable)
            {
                continue;
            }
            var children = shape switch
            {
                Shape.List => value.AsArray().Select(c => (c, fieldPath + "[]")),
                Shape.Map => value.AsObject().Select(p => (p.Value, fieldPath + "{}")),
                _ => [(value, fieldPath)],
            };
            unset.UnionWith(Intersect(children.Select(c => Unset(element, c.Item1, c.Item2))));
        }
        return unset;
    }

    private static HashSet<string> Intersect(IEnumerable<HashSet<string>> sets)
    {
        HashSet<string>? result = null;
        foreach (var set in sets)
        {
            if (result is null)
            {
                result = set;
            }
            else
            {
                result.IntersectWith(set);
            }
        }
        return result ?? [];
    }

    private enum Shape
    {
        Single,
        List,
        Map,
    }

    private static (Type Element, Shape Shape) Describe(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        if (bare.IsGenericType && bare.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return (bare.GetGenericArguments()[0], Shape.List);
        }
        if (bare.IsGenericType && bare.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            return (bare.GetGenericArguments()[1], Shape.Map);
        }
        return (bare, Shape.Single);
    }

    private static bool IsApiRecord(Type type) =>
        type.Namespace?.StartsWith("Fleet.Messages.Api", StringComparison.Ordinal) == true
        && type.IsClass
        && type.GetCustomAttribute<JsonConverterAttribute>() is null;

    private static IReadOnlyList<PropertyInfo> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .ToList();
}
