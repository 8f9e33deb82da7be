using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>A status condition as Kubernetes and Flux write it (metav1.Condition).</summary>
public sealed record Condition
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = ConditionStatus.Unknown;

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("lastTransitionTime")]
    public DateTime LastTransitionTime { get; init; }

    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";

    [JsonPropertyName("message")]
    public string Message { get; init; } = "";
}
