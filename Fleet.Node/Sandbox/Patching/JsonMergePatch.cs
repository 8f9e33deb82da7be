using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>JSON merge patch (RFC 7386): objects merge recursively, <c>null</c> deletes, everything else replaces.</summary>
public static class JsonMergePatch
{
    /// <summary>Returns the patched document; neither input is mutated.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        MergeInto(result, patchObject);
        return result;
    }

    private static void MergeInto(JsonObject result, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject child)
            {
                if (result[key] is not JsonObject existing)
                {
                    existing = new JsonObject();
                    result[key] = existing;
                }

                MergeInto(existing, child);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }
    }
}
