using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleet.Actors.Kube;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fleet.Actors.Kustomize.InProcess;

/// <summary>
/// Reads manifest YAML into the JSON that `kustomize build` would print for it. Kustomize decodes with go-yaml v3
/// (YAML 1.2: `on`, `yes`, `n` are strings) and passes every object through Go's JSON encoding before printing, so
/// a value ends up as <see cref="YamlJson"/> reads kustomize's output. What kustomize would read another way or reject
/// (tags, anchors, merge keys, timestamps, infinities, non-string keys, duplicate keys) returns null instead of
/// a guess, and the caller lets kustomize decide.
/// </summary>
public static partial class KustomizeYaml
{
    private static readonly HashSet<string> OneOneBooleans = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    };

    /// <summary>The documents of a file, empty ones skipped; null when one is not read exactly as kustomize reads it.</summary>
    public static IReadOnlyList<JsonNode?>? TryParseDocuments(string yaml)
    {
        YamlStream stream;
        try
        {
            stream = YamlJson.Load(yaml);
        }
        catch (FormatException)
        {
            return null;
        }
        var documents = new List<JsonNode?>(stream.Documents.Count);
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "", Style: ScalarStyle.Plain } && document.RootNode.Tag.IsEmpty && document.RootNode.Anchor.IsEmpty)
            {
                continue;
            }
            if (!TryConvert(document.RootNode, out var node))
            {
                return null;
            }
            documents.Add(node);
        }
        return documents;
    }

    private static bool TryConvert(YamlNode node, out JsonNode? result)
    {
        result = null;
        if (!node.Anchor.IsEmpty || !node.Tag.IsEmpty)
        {
            return false;
        }
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (!TryKey(key, out var name) || obj.ContainsKey(name) || !TryConvert(value, out var converted))
                    {
                        return false;
                    }
                    obj[name] = converted;
                }
                result = obj;
                return true;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    if (!TryConvert(item, out var converted))
                    {
                        return false;
                    }
                    array.Add(converted);
                }
                result = array;
                return true;
            case YamlScalarNode scalar:
                return TryScalar(scalar, out result);
            default:
                return false;
        }
    }

    private static bool TryKey(YamlNode key, out string name)
    {
        name = "";
        if (key is not YamlScalarNode scalar || !TryScalar(scalar, out var value) || value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }
        name = text.GetValue<string>();
        return name != "<<";
    }

    private static bool TryScalar(YamlScalarNode scalar, out JsonNode? result)
    {
        var text = scalar.Value ?? "";
        result = null;
        if (!scalar.Anchor.IsEmpty || !scalar.Tag.IsEmpty)
        {
            return false;
        }
        if (scalar.Style is not ScalarStyle.Plain)
        {
            result = JsonValue.Create(text);
            return true;
        }
        if (OneOneBooleans.Contains(text))
        {
            result = JsonValue.Create(text);
            return true;
        }
        if (Timestamp().IsMatch(text) || text.Contains(".inf", StringComparison.OrdinalIgnoreCase) || text.Contains(".nan", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        result = YamlJson.ResolvePlain(text);
        return true;
    }

    /// <summary>go-yaml v3 tries a timestamp for every plain scalar that starts with four digits and a dash.</summary>
    [GeneratedRegex("^[0-9]{4}-", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
