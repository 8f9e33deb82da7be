using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Catalog;
using Fleet.Node.Sandbox.Objects;

namespace Fleet.Node.Sandbox.Semantics;

/// <summary>The <c>metadata.generation</c> rules: 1 on create for kinds that track it; +1 when the desired state
/// changes (built-ins: <c>spec</c>; custom resources: everything outside metadata, and status too when there is no
/// status subresource); never for metadata-only or status-only writes.</summary>
public static class Generation
{
    public static void Assign(ResourceType type, JsonObject? stored, JsonObject next)
    {
        var metadata = next["metadata"]!.AsObject();
        if (!type.TracksGeneration)
        {
            metadata.Remove("generation");
            return;
        }

        if (stored is null)
        {
            metadata["generation"] = 1L;
            return;
        }

        var current = JsonNumber.AsLong(stored["metadata"]?["generation"]) ?? 1;
        metadata["generation"] = DesiredStateChanged(type, stored, next) ? current + 1 : current;
    }

    private static bool DesiredStateChanged(ResourceType type, JsonObject stored, JsonObject next)
    {
        if (!type.IsCustom)
        {
            return !JsonNode.DeepEquals(stored["spec"], next["spec"]);
        }

        var keys = stored.Select(p => p.Key).Union(next.Select(p => p.Key))
            .Where(k => k is not ("metadata" or "apiVersion" or "kind") && !(type.HasStatus && k == "status"));
        return keys.Any(k => !JsonNode.DeepEquals(stored[k], next[k]));
    }
}
