using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Objects;

/// <summary>Reads integers from JSON nodes whatever CLR type backs them (parsed, int or long).</summary>
public static class JsonNumber
{
    public static long? AsLong(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
}
