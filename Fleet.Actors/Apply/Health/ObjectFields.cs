using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleet.Actors.Apply.Health;

/// <summary>
/// Field access with kstatus's leniency: a field of the wrong JSON type reads as absent, so the rule's default applies.
/// Integers are longs; a fractional number is not an integer (kstatus's GetIntField ignores floats).
/// </summary>
internal static class ObjectFields
{
    public static JsonNode? At(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(segment, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static long? Long(JsonObject obj, string path) =>
        At(obj, path) is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    public static long Long(JsonObject obj, string path, long fallback) => Long(obj, path) ?? fallback;

    public static string? String(JsonObject obj, string path) =>
        At(obj, path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string String(JsonObject obj, string path, string fallback) => String(obj, path) ?? fallback;

    public static bool? Bool(JsonObject obj, string path) =>
        At(obj, path) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValueKind() == JsonValueKind.True
            : null;
}
