using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>Server-side apply: merge an applied configuration into the live object and track field ownership.</summary>
public static class ServerSideApply
{
    /// <summary>
    /// Returns the object to store. When nothing changes, the result equals <paramref name="live"/> (managedFields and
    /// time stamps included), so the caller can detect the no-op with a deep comparison.
    /// </summary>
    /// <exception cref="ApplyConflictException">Another manager owns a field with a different value and force is off.</exception>
    /// <exception cref="PatchException">The applied configuration is malformed.</exception>
    public static JsonObject Apply(JsonObject? live, JsonObject applied, ApplyOptions options) => throw new NotSupportedException();
}
