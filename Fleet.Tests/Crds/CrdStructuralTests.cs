using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleet.Actors.Kube.Crds;

namespace Fleet.Tests.Crds;

/// <summary>
/// The rules the API server enforces on apiextensions.k8s.io/v1 CRDs: structural schemas
/// (a type on every node, no mixed properties/additionalProperties, metadata left alone),
/// defaults and enums of the node's type, and one storage version.
/// </summary>
public class CrdStructuralTests
{
    private static readonly HashSet<string> Types = ["object", "array", "string", "integer", "number", "boolean"];

    private static readonly HashSet<string> Keywords =
    [
        "type", "format", "description", "properties", "additionalProperties", "items", "required", "enum", "pattern",
        "default", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems",
        "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string",
    ];

    [Theory]
    [MemberData(nameof(CommittedCrds.Kinds), MemberType = typeof(CommittedCrds))]
    public void EveryVersionHasAStructuralSchema(string kindName)
    {
        var crd = CrdGenerator.Generate(CommittedCrds.Kind(kindName));
        foreach (var version in CommittedCrds.Versions(crd))
        {
            var schema = CommittedCrds.Schema(version);
            var problems = new List<string>();
            Check(schema, "", problems);
            if (schema["type"]?.GetValue<string>() != "object")
            {
                problems.Add("(root): must be type object");
            }
            if (schema["properties"]?["metadata"] is not JsonObject metadata || metadata.ToJsonString() != """{"type":"object"}""")
            {
                problems.Add(".metadata: must be exactly {type: object}; the API server owns its schema");
            }
            Assert.True(problems.Count == 0, $"{kindName} {version["name"]} is not structural:\n  {string.Join("\n  ", problems)}");
        }
    }

    [Theory]
    [MemberData(nameof(CommittedCrds.Kinds), MemberType = typeof(CommittedCrds))]
    public void ExactlyOneStorageVersionAndEveryVersionServed(string kindName)
    {
        var versions = CommittedCrds.Versions(CrdGenerator.Generate(CommittedCrds.Kind(kindName))).ToList();

        Assert.Single(versions, v => v["storage"]!.GetValue<bool>());
        Assert.All(versions, v => Assert.True(v["served"]!.GetValue<bool>()));
        Assert.Equal(versions.Count, versions.Select(v => (string?)v["name"]).Distinct().Count());
        Assert.All(versions, v => Assert.Equal("{}", v["subresources"]!["status"]!.ToJsonString()));
    }

    private static void Check(JsonObject node, string path, List<string> problems)
    {
        var at = path.Length == 0 ? "(root)" : path;
        var type = (string?)node["type"];
        var preserve = node["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        var intOrString = node["x-kubernetes-int-or-string"]?.GetValue<bool>() == true;

        problems.AddRange(node.Where(p => !Keywords.Contains(p.Key)).Select(p => $"{at}: unexpected keyword {p.Key}"));
        if (type is null ? !preserve && !intOrString : !Types.Contains(type))
        {
            problems.Add($"{at}: needs a valid type (or x-kubernetes-preserve-unknown-fields / int-or-string), has {type ?? "none"}");
        }
        if (node.ContainsKey("properties") && node.ContainsKey("additionalProperties"))
        {
            problems.Add($"{at}: properties and additionalProperties are mutually exclusive");
        }
        if ((node.ContainsKey("properties") || node.ContainsKey("additionalProperties")) && type != "object")
        {
            problems.Add($"{at}: properties on a non-object");
        }
        if (type == "array" != node.ContainsKey("items"))
        {
            problems.Add($"{at}: an array needs items and only an array has them");
        }
        var properties = node["properties"]?.AsObject();
        foreach (var name in node["required"]?.AsArray().Select(n => (string)n!) ?? [])
        {
            if (properties?.ContainsKey(name) != true)
            {
                problems.Add($"{at}: required {name} is not a property");
            }
        }
        CheckValues(node, type, at, problems);

        foreach (var (name, child) in properties ?? [])
        {
            Check(child!.AsObject(), $"{path}.{name}", problems);
        }
        if (node["additionalProperties"] is JsonObject values)
        {
            Check(values, path + ".*", problems);
        }
        if (node["items"] is JsonObject items)
        {
            Check(items, path + "[]", problems);
        }
    }

    /// <summary>The API server rejects a CRD whose defaults do not validate against their own schema.</summary>
    private static void CheckValues(JsonObject node, string? type, string at, List<string> problems)
    {
        Regex? pattern = null;
        if (node["pattern"] is { } patternNode)
        {
            try
            {
                pattern = new Regex(patternNode.GetValue<string>());
            }
            catch (ArgumentException e)
            {
                problems.Add($"{at}: pattern does not compile: {e.Message}");
            }
        }
        var enumValues = node["enum"]?.AsArray() ?? [];
        foreach (var value in enumValues)
        {
            if (!OfType(value, type))
            {
                problems.Add($"{at}: enum value {value?.ToJsonString()} is not a {type}");
            }
        }
        if (node["default"] is { } defaultValue)
        {
            if (!OfType(defaultValue, type))
            {
                problems.Add($"{at}: default {defaultValue.ToJsonString()} is not a {type}");
            }
            if (enumValues.Count > 0 && !enumValues.Any(v => JsonNode.DeepEquals(v, defaultValue)))
            {
                problems.Add($"{at}: default {defaultValue.ToJsonString()} is not one of the enum values");
            }
            if (pattern is not null && defaultValue.GetValueKind() == JsonValueKind.String && !pattern.IsMatch(defaultValue.GetValue<string>()))
            {
                problems.Add($"{at}: default {defaultValue.ToJsonString()} does not match the pattern");
            }
        }
    }

    private static bool OfType(JsonNode? value, string? type) => (type, value?.GetValueKind()) switch
    {
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("integer", JsonValueKind.Number) => value!.AsValue().TryGetValue<long>(out _) || long.TryParse(value.ToJsonString(), out _),
        ("number", JsonValueKind.Number) => true,
        ("object", JsonValueKind.Object) or ("array", JsonValueKind.Array) => true,
        _ => false,
    };
}
