using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>JSON patch (RFC 6902) with the error messages the API server returns.</summary>
public static class JsonPatch
{
    /// <summary>Applies <paramref name="operations"/> (a JSON array) to a copy of <paramref name="target"/>.</summary>
    /// <exception cref="PatchException">The patch is malformed (400) or an operation does not apply (422).</exception>
    public static JsonNode Apply(JsonNode target, JsonNode operations) => throw new NotSupportedException();
}
