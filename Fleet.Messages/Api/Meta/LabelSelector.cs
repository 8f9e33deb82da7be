using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>A Kubernetes label selector (metav1.LabelSelector).</summary>
public sealed record LabelSelector
{
    [JsonPropertyName("matchLabels")]
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    [JsonPropertyName("matchExpressions")]
    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
}
