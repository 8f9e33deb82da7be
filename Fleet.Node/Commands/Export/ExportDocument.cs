using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;

namespace Fleet.Node.Commands.Export;

/// <summary>
/// What <c>flux export</c> writes of an object: apiVersion, kind, name, namespace, labels, annotations and spec, no
/// status or server fields, keys in alphabetical order as Go's YAML encoder writes them, after a <c>---</c> line.
/// </summary>
public static class ExportDocument
{
    public static JsonObject Of(FluxKind kind, JsonObject obj)
    {
        var metadata = new JsonObject();
        foreach (var field in new[] { "annotations", "labels", "name", "namespace" })
        {
            if (obj["metadata"]?[field] is { } value && value is not JsonObject { Count: 0 })
            {
                metadata[field] = value.DeepClone();
            }
        }
        var export = new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = kind.Kind,
            ["metadata"] = metadata,
        };
        if (obj["spec"] is { } spec)
        {
            export["spec"] = spec.DeepClone();
        }
        return (JsonObject)Sorted(export);
    }

    public static string ToYaml(JsonObject document) => "---\n" + YamlJson.Serialize(document).TrimEnd('\n') + "\n";

    /// <summary>A copy with every object's keys in ordinal order.</summary>
    public static JsonNode Sorted(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(i => i is null ? null : Sorted(i))]),
        _ => node.DeepClone(),
    };
}
