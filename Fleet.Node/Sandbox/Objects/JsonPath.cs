using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Objects;

/// <summary>Reads and writes a dotted field path (<c>spec.replicas</c>) in a JSON object.</summary>
public static class JsonPath
{
    public static JsonNode? Get(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.TrimStart('.').Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node;
    }

    public static void Set(JsonObject obj, string path, JsonNode? value)
    {
        var segments = path.TrimStart('.').Split('.');
        var node = obj;
        foreach (var segment in segments[..^1])
        {
            if (node[segment] is not JsonObject child)
            {
                child = new JsonObject();
                node[segment] = child;
            }

            node = child;
        }

        node[segments[^1]] = value;
    }
}
