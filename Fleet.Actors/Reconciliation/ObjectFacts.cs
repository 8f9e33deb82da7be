using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Reconciliation;

/// <summary>The fields of a Flux object that scheduling reads, whatever its kind.</summary>
public sealed record ObjectFacts(
    JsonObject Object,
    string? Uid,
    long Generation,
    string? RequestedAt,
    bool Suspended,
    TimeSpan? Interval,
    TimeSpan? RetryInterval,
    TimeSpan? Timeout,
    bool Deleting)
{
    /// <summary>Reads an object's JSON; throws <see cref="FormatException"/> when it is not an object or a duration is malformed.</summary>
    public static ObjectFacts Parse(string objectJson)
    {
        var node = JsonNode.Parse(objectJson) as JsonObject
            ?? throw new FormatException("the object is not a JSON object");
        var metadata = node["metadata"] as JsonObject;
        var spec = node["spec"] as JsonObject;
        return new ObjectFacts(
            node,
            metadata?["uid"]?.GetValue<string>(),
            metadata?["generation"]?.GetValue<long>() ?? 0,
            (metadata?["annotations"] as JsonObject)?[FluxAnnotations.ReconcileRequestedAt]?.GetValue<string>(),
            spec?["suspend"]?.GetValue<bool>() ?? false,
            Duration(spec, "interval"),
            Duration(spec, "retryInterval"),
            Duration(spec, "timeout"),
            metadata?["deletionTimestamp"] is not null);
    }

    private static TimeSpan? Duration(JsonObject? spec, string field)
    {
        if (spec?[field] is not { } node)
        {
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw new FormatException($"spec.{field}: expected a duration string such as \"1m30s\", found {node.ToJsonString()}");
        }
        var text = node.GetValue<string>();
        return GoDuration.TryParse(text, out var duration)
            ? duration.Value
            : throw new FormatException($"spec.{field}: invalid duration \"{text}\"");
    }
}
