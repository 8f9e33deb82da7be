using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>Strategic merge patch for built-in kinds, with the merge keys of <see cref="BuiltInMergeKeys"/>.</summary>
public static class StrategicMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>.</summary>
    /// <exception cref="PatchException">The patch is malformed.</exception>
    public static JsonNode Apply(JsonNode target, JsonNode patch, string group, string kind) => throw new NotSupportedException();
}
