using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>The API server's immutable-field validation on update.</summary>
public static class Immutability
{
    /// <summary>
    /// Returns null when the update is allowed, otherwise the 422 message, e.g.
    /// <c>Deployment.apps "web" is invalid: spec.selector: Invalid value: ...: field is immutable</c>.
    /// </summary>
    public static string? Check(string group, string kind, JsonObject? old, JsonObject @new) => throw new NotSupportedException();
}
