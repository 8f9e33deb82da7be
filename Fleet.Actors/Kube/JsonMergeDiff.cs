using System.Text.Json.Nodes;

namespace Fleet.Actors.Kube;

/// <summary>
/// The smallest JSON merge patch (RFC 7386) that turns one document into another: only changed
/// fields, removed fields as null, lists replaced whole. Status writes use it so that a writer
/// touches only what it changed and writes nothing when nothing did.
/// </summary>
public static class JsonMergeDiff
{
    /// <summary>The patch from <paramref name="from"/> to <paramref name="to"/>, or null when they are equal.</summary>
    public static JsonObject? Create(JsonObject? from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (name, value) in to)
        {
            var before = from?[name];
            if (from is not null && from.ContainsKey(name) && JsonNode.DeepEquals(before, value))
            {
                continue;
            }
            patch[name] = before is JsonObject beforeObject && value is JsonObject afterObject
                ? Create(beforeObject, afterObject)
                : value?.DeepClone();
        }
        foreach (var (name, _) in from ?? [])
        {
            if (!to.ContainsKey(name))
            {
                patch[name] = null;
            }
        }
        return patch.Count == 0 ? null : patch;
    }
}
