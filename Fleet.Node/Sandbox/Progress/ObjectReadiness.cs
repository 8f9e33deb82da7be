using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api.Meta;

namespace Fleet.Node.Sandbox.Progress;

/// <summary>Where one watched object stands: Ready or not, in one word and a message, plus its conditions for a failure report.</summary>
public sealed record ObjectReadiness(string Id, bool Ready, string State, string Message, IReadOnlyList<Condition> Conditions)
{
    /// <summary>Reads an object as the API returned it; <paramref name="obj"/> null means it does not exist.</summary>
    public static ObjectReadiness From(string id, JsonObject? obj)
    {
        if (obj is null)
        {
            return new ObjectReadiness(id, false, "NotFound", "the object does not exist", []);
        }
        var conditions = ObjectConditions.Of(obj);
        var ready = conditions.FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        if (ready is null)
        {
            return new ObjectReadiness(id, false, "Waiting", "waiting to be reconciled", conditions);
        }
        // A Ready condition from before the latest spec change says nothing about the spec as it is now.
        var current = Number(obj["status"]?["observedGeneration"]) >= Number(obj["metadata"]?["generation"]);
        var isReady = ready.Status == "True" && current;
        var state = isReady ? "Ready"
            : ready.Status == "True" ? "Progressing"
            : ready.Reason is { Length: > 0 } reason ? reason : $"Ready={ready.Status}";
        return new ObjectReadiness(id, isReady, state, ready.Message, conditions);
    }

    private static long Number(JsonNode? node) =>
        node is JsonValue value && long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
