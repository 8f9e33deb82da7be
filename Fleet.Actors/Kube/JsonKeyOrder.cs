using System.Text.Json.Nodes;

namespace Fleet.Actors.Kube;

/// <summary>JSON with every object's keys in ordinal order: stable output to write, and text to compare.</summary>
public static class JsonKeyOrder
{
    /// <summary>A deep copy of <paramref name="node"/> with every object's keys sorted.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
