using System.Text.Json.Nodes;

namespace Fleet.Actors.Apply;

/// <summary>
/// Flux's drift check between the live object and the result of a dry-run apply: drifted when the dry-run would
/// create the object (empty resourceVersion), or labels, annotations, or anything outside metadata and status differ.
/// Server-managed metadata (resourceVersion, managedFields, timestamps) never counts as drift.
/// </summary>
public static class DriftDetector
{
    public static bool HasDrifted(JsonObject? existing, JsonObject dryRun)
    {
        if (existing is null || WouldCreate(dryRun))
        {
            return true;
        }

        return !JsonNode.DeepEquals(Meta(existing, "labels"), Meta(dryRun, "labels"))
            || !JsonNode.DeepEquals(Meta(existing, "annotations"), Meta(dryRun, "annotations"))
            || !JsonNode.DeepEquals(Body(existing), Body(dryRun));
    }

    /// <summary>
    /// True when a dry-run apply would create the object: the API server answers a would-be create without
    /// metadata.resourceVersion (nothing reached storage) and an update with the live object's.
    /// </summary>
    public static bool WouldCreate(JsonObject dryRun) =>
        dryRun["metadata"]?["resourceVersion"] is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length == 0;

    /// <summary>An absent map and an empty one are the same to the API server.</summary>
    private static JsonObject Meta(JsonObject o, string map) =>
        o["metadata"]?[map] is JsonObject entries ? entries : [];

    private static JsonObject Body(JsonObject o)
    {
        var body = new JsonObject();
        foreach (var (key, value) in o)
        {
            if (key is not ("metadata" or "status"))
            {
                body[key] = value?.DeepClone();
            }
        }

        return body;
    }
}
