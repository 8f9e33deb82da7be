using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Kustomize;

/// <summary>Selects the objects a patch or rule applies to; an object must match every field that is set.</summary>
public sealed record Selector
{
    [Description("API group of the selected objects.")]
    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [Description("API version of the selected objects.")]
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [Description("Kind of the selected objects.")]
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [Description("Namespace of the selected objects.")]
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [Description("Name of the selected objects.")]
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [Description("Label selector expression matched against the objects' annotations.")]
    [JsonPropertyName("annotationSelector")]
    public string? AnnotationSelector { get; init; }

    [Description("Label selector expression matched against the objects' labels.")]
    [JsonPropertyName("labelSelector")]
    public string? LabelSelector { get; init; }
}
