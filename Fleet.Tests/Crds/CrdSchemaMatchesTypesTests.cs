using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;
using k8s.Models;

namespace Fleet.Tests.Crds;

/// <summary>
/// Walks each C# API type and its committed CRD schema side by side: every JSON property of the types is in
/// the schema at the same path with a matching type and requiredness, and the schema has nothing the types lack.
/// </summary>
public class CrdSchemaMatchesTypesTests
{
    [Theory]
    [MemberData(nameof(CommittedCrds.Kinds), MemberType = typeof(CommittedCrds))]
    public void SchemaAndCSharpTypesDescribeTheSameFields(string kindName)
    {
        var kind = CommittedCrds.Kind(kindName);
        foreach (var version in CommittedCrds.Versions(CommittedCrds.Read(kind)))
        {
            var problems = new List<string>();
            Compare(kind.ClrType, CommittedCrds.Schema(version), "", problems);
            Assert.True(problems.Count == 0,
                $"{kind.Kind} {version["name"]}: the CRD and {kind.ClrType.Name} disagree:\n  {string.Join("\n  ", problems)}\n"
                + $"Regenerate with: {CommittedCrds.RegenerateCommand}");
        }
    }

    private static void Compare(Type type, JsonObject schema, string path, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var at = path.Length == 0 ? "(root)" : path;
        var schemaType = (string?)schema["type"];
        if (typeof(JsonNode).IsAssignableFrom(type))
        {
            Expect(schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true, $"{at}: free-form JSON must preserve unknown fields");
            return;
        }
        var expectedType = LeafType(type) ?? (MapValueType(type) is not null || IsApiRecord(type) ? "object" : ListItemType(type) is not null ? "array" : null);
        Expect(expectedType is not null, $"{at}: {type} has no known JSON shape");
        Expect(schemaType == expectedType, $"{at}: schema type {schemaType ?? "(none)"} but C# {type.Name} is {expectedType}");
        if (schemaType != expectedType)
        {
            return;
        }
        if (MapValueType(type) is { } valueType)
        {
            Compare(valueType, schema["additionalProperties"]!.AsObject(), path + ".*", problems);
        }
        else if (ListItemType(type) is { } itemType)
        {
            Compare(itemType, schema["items"]!.AsObject(), path + "[]", problems);
        }
        else if (IsApiRecord(type))
        {
            CompareProperties(type, schema, path, problems);
        }

        void Expect(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }
    }

    private static void CompareProperties(Type type, JsonObject schema, string path, List<string> problems)
    {
        var schemaProperties = schema["properties"]?.AsObject() ?? [];
        var csharp = new Dictionary<string, PropertyInfo>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !p.IsDefined(typeof(JsonIgnoreAttribute))))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (name is null)
            {
                problems.Add($"{path}: {type.Name}.{property.Name} has no [JsonPropertyName]");
                continue;
            }
            csharp[name] = property;
            if (schemaProperties[name] is JsonObject propertySchema)
            {
                Compare(property.PropertyType, propertySchema, $"{path}.{name}", problems);
            }
            else
            {
                problems.Add($"{path}.{name}: {type.Name}.{property.Name} is missing from the schema");
            }
        }
        problems.AddRange(schemaProperties
            .Where(p => !csharp.ContainsKey(p.Key))
            .Select(p => $"{path}.{p.Key}: in the schema but no property of {type.Name} carries it"));

        var required = csharp.Where(p => p.Value.IsDefined(typeof(RequiredAttribute))).Select(p => p.Key).Order(StringComparer.Ordinal);
        var schemaRequired = (schema["required"]?.AsArray().Select(n => (string)n!) ?? []).Order(StringComparer.Ordinal);
        if (!required.SequenceEqual(schemaRequired))
        {
            problems.Add($"{path}: required [{string.Join(", ", schemaRequired)}] in the schema but [{string.Join(", ", required)}] in {type.Name}");
        }
    }

    private static string? LeafType(Type type) => type switch
    {
        _ when type == typeof(string) || type == typeof(GoDuration) || type == typeof(DateTime) => "string",
        _ when type == typeof(bool) => "boolean",
        _ when type == typeof(int) || type == typeof(long) => "integer",
        _ when type == typeof(V1ObjectMeta) => "object",
        _ => null,
    };

    private static bool IsApiRecord(Type type) =>
        LeafType(type) is null && type.IsClass && type.Namespace?.StartsWith("Fleet.Messages.Api", StringComparison.Ordinal) == true;

    private static Type? MapValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
}
