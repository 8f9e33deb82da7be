using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Kube;

/// <summary>
/// Reads <c>status.conditions</c> of any object as the API returned it. Lenient as kstatus is: an entry that is
/// not an object is skipped, and a field that is missing or of the wrong JSON type reads as empty (no time, no
/// generation), so a condition without a reason or lastTransitionTime is still read.
/// </summary>
public static class ObjectConditions
{
    /// <summary>The conditions in their order; none when the object has no status yet.</summary>
    public static IReadOnlyList<Condition> Of(JsonObject obj) =>
        obj["status"] is JsonObject status && status["conditions"] is JsonArray conditions
            ? [.. conditions.OfType<JsonObject>().Select(Read)]
            : [];

    /// <summary>The first condition of <paramref name="type"/>, or null when there is none.</summary>
    public static Condition? Find(JsonObject obj, string type) => Of(obj).FirstOrDefault(c => c.Type == type);

    private static Condition Read(JsonObject condition) => new()
    {
        Type = Text(condition, "type"),
        Status = Text(condition, "status"),
        ObservedGeneration = Integer(condition, "observedGeneration"),
        LastTransitionTime = Time(condition, "lastTransitionTime"),
        Reason = Text(condition, "reason"),
        Message = Text(condition, "message"),
    };

    private static string Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";

    private static long? Integer(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    private static DateTime Time(JsonObject obj, string name) =>
        DateTimeOffset.TryParse(Text(obj, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime
            : default;
}
