using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>A status condition as Kubernetes and Flux write it (metav1.Condition, with its validation).</summary>
public sealed record Condition
{
    [Required]
    [MaxLength(316)]
    [RegularExpression("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")]
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    [Required]
    [AllowedValues(ConditionStatus.True, ConditionStatus.False, ConditionStatus.Unknown)]
    [JsonPropertyName("status")]
    public string Status { get; init; } = ConditionStatus.Unknown;

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Required]
    [JsonPropertyName("lastTransitionTime")]
    public DateTime LastTransitionTime { get; init; }

    [Required]
    [Length(1, 1024)]
    [RegularExpression("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")]
    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";

    [Required]
    [MaxLength(32768)]
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";
}
