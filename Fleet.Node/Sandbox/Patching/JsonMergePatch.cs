using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>JSON merge patch (RFC 7386): objects merge recursively, <c>null</c> deletes, everything else replaces.</summary>
public static class JsonMergePatch
{
    /// <summary>Returns the patched document; neither input is mutated.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => throw new NotSupportedException();
}
