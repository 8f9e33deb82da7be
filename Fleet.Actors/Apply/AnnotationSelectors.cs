using System.Text.Json.Nodes;

namespace Fleet.Actors.Apply;

/// <summary>
/// Flux's per-object markers under the owner's group (<c>ssa</c>, <c>force</c>, <c>prune</c>, <c>reconcile</c>).
/// A marker matches when a label or an annotation of that key holds the value, compared case-insensitively.
/// </summary>
public sealed class AnnotationSelectors(string group)
{
    /// <summary>Neither applied nor pruned: <c>reconcile: disabled</c> or <c>ssa: Ignore</c>.</summary>
    public bool IsExcluded(JsonObject? manifest) =>
        Matches(manifest, "reconcile", "disabled") || Matches(manifest, "ssa", "Ignore");

    /// <summary>Applied only while the object does not exist: <c>ssa: IfNotPresent</c>.</summary>
    public bool IsIfNotPresent(JsonObject? manifest) => Matches(manifest, "ssa", "IfNotPresent");

    /// <summary>Other managers' fields are kept: <c>ssa: Merge</c>.</summary>
    public bool IsMerge(JsonObject? manifest) => Matches(manifest, "ssa", "Merge");

    /// <summary>Recreated on an immutable-field error: <c>force: enabled</c>.</summary>
    public bool IsForce(JsonObject? manifest) => Matches(manifest, "force", "enabled");

    /// <summary>Never pruned: <c>prune: disabled</c>, or excluded altogether.</summary>
    public bool IsPruneExcluded(JsonObject? manifest) => Matches(manifest, "prune", "disabled") || IsExcluded(manifest);

    private bool Matches(JsonObject? manifest, string marker, string value)
    {
        var key = $"{group}/{marker}";
        var metadata = manifest?["metadata"];
        return Holds(metadata?["labels"], key, value) || Holds(metadata?["annotations"], key, value);
    }

    private static bool Holds(JsonNode? map, string key, string value) =>
        map is JsonObject entries
        && entries[key] is JsonValue actual
        && actual.TryGetValue<string>(out var text)
        && text.Length > 0
        && string.Equals(text, value, StringComparison.OrdinalIgnoreCase);
}
