using System.Text.Json.Nodes;

namespace Fleet.Node.Status;

/// <summary>One entry of an object's <c>status.conditions</c>, as the command line shows it.</summary>
public sealed record StatusCondition(string Type, string Status, string Reason, string Message)
{
    /// <summary>The conditions of a Flux object as read from the API, in their order; none when it has no status yet.</summary>
    public static IReadOnlyList<StatusCondition> Of(JsonObject obj) =>
        obj["status"]?["conditions"] is JsonArray conditions
            ? conditions.OfType<JsonObject>().Select(c => new StatusCondition(
                Text(c, "type"), Text(c, "status"), Text(c, "reason"), Text(c, "message"))).ToList()
            : [];

    /// <summary>The Ready condition, or null when the object has not been reconciled yet.</summary>
    public static StatusCondition? ReadyOf(JsonObject obj) => Of(obj).FirstOrDefault(c => c.Type == "Ready");

    private static string Text(JsonObject obj, string name) => obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
