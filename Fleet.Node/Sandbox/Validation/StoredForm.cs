using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Catalog;

namespace Fleet.Node.Sandbox.Validation;

/// <summary>
/// A built-in object as the real server stores it after decoding: a Secret's <c>stringData</c> merged into
/// <c>data</c> (base64) and never kept, <c>data</c> required to be base64, and empty values dropped as Go's
/// <c>omitempty</c> drops them (nulls, and empty metadata maps and lists), so an unchanged object diffs as equal.
/// </summary>
public static class StoredForm
{
    private static readonly string[] OmittedWhenEmpty = ["labels", "annotations", "finalizers", "ownerReferences"];

    public static void Normalize(ResourceType type, JsonObject obj)
    {
        DropNulls(obj);
        if (obj["metadata"] is JsonObject metadata)
        {
            foreach (var field in OmittedWhenEmpty)
            {
                if (metadata[field] is JsonObject { Count: 0 } or JsonArray { Count: 0 })
                {
                    metadata.Remove(field);
                }
            }
        }

        if (type.Group.Length == 0 && type.Kind is "Secret")
        {
            Secret(type, obj);
        }

        if (type.Group.Length == 0 && type.Kind is "Secret" or "ConfigMap")
        {
            foreach (var field in new[] { "data", "binaryData" })
            {
                if (obj[field] is JsonObject { Count: 0 })
                {
                    obj.Remove(field);
                }
            }
        }
    }

    private static void Secret(ResourceType type, JsonObject secret)
    {
        if (secret["data"] is JsonObject data)
        {
            foreach (var (_, value) in data)
            {
                if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && InvalidBase64At(v.GetValue<string>()) is int at)
                {
                    throw ApiStatus.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: illegal base64 data at input byte {at}");
                }
            }
        }

        if (secret["stringData"] is JsonObject stringData)
        {
            var merged = secret["data"] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in stringData)
            {
                merged[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : ""));
            }

            secret["data"] = merged;
            secret.Remove("stringData");
        }
    }

    /// <summary>Where Go's base64 decoder gives up on <paramref name="text"/> (the start of an incomplete quantum, or
    /// the first byte outside the alphabet), or null when it decodes.</summary>
    private static int? InvalidBase64At(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var padding = c == '=' && i >= text.Length - 2 && text.Length % 4 == 0 && text[(i + 1)..].All(p => p == '=');
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' || padding))
            {
                return i;
            }
        }

        return text.Length % 4 == 0 ? null : text.Length / 4 * 4;
    }

    private static void DropNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is null)
                    {
                        o.Remove(key);
                    }
                    else
                    {
                        DropNulls(value);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    DropNulls(item);
                }

                break;
        }
    }
}
