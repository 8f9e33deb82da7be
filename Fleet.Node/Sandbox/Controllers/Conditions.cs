using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Controllers;

/// <summary>Builds status conditions that keep their time stamps while type, status and reason stay the same, so
/// a controller's repeated status writes are no-ops.</summary>
public static class Conditions
{
    public static JsonObject Make(JsonNode? previousConditions, string type, string status, string reason, string message, string now, bool withUpdateTime = false)
    {
        var previous = (previousConditions as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
        var same = previous is not null && previous["status"]?.GetValue<string>() == status && previous["reason"]?.GetValue<string>() == reason;
        var transition = same ? previous!["lastTransitionTime"]?.GetValue<string>() ?? now : now;
        var condition = new JsonObject { ["type"] = type, ["status"] = status };
        if (withUpdateTime)
        {
            condition["lastUpdateTime"] = same ? previous!["lastUpdateTime"]?.GetValue<string>() ?? now : now;
        }

        condition["lastTransitionTime"] = transition;
        condition["reason"] = reason;
        condition["message"] = message;
        return condition;
    }
}
